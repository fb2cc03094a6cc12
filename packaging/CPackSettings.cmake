# CPack settings of the Debian packages. Per-package dependencies that name
# the package version are set in CPackProjectConfig.cmake, which cpack reads
# at packaging time, so that "cpack -D CPACK_PACKAGE_VERSION=0.2.0" makes a
# consistent set.

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "govappliance")
set(CPACK_PACKAGE_VENDOR "GovAppliance")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 2)

set(CPACK_COMPONENTS_ALL core client syncd hub kiosk)
if(NOT TARGET govclient)
    list(REMOVE_ITEM CPACK_COMPONENTS_ALL client kiosk)
endif()

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
# No CPACK_DEBIAN_PACKAGE_RELEASE: the packages are native (version without
# a Debian revision), so lintian expects changelog.gz, not changelog.Debian.gz.
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "GovAppliance packaging <packaging@govappliance.example>")
set(CPACK_DEBIAN_PACKAGE_SECTION "admin")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")

# CPack asks dpkg for the architecture, which names the build machine's. A
# cross build names the target's instead, in Debian's spelling.
if(CMAKE_CROSSCOMPILING)
    if(CMAKE_SYSTEM_PROCESSOR STREQUAL "aarch64")
        set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "arm64")
    elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^mips64")
        set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "mips64el")
    elseif(CMAKE_SYSTEM_PROCESSOR STREQUAL "loongarch64")
        set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "loong64")
    else()
        message(FATAL_ERROR "no Debian architecture known for ${CMAKE_SYSTEM_PROCESSOR}")
    endif()
endif()

# Package names and descriptions. The first line of a description is the
# synopsis; CPack takes the rest as the extended description.
set(CPACK_DEBIAN_CORE_PACKAGE_NAME "govappliance-core")
set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME "govappliance-client")
set(CPACK_DEBIAN_SYNCD_PACKAGE_NAME "govappliance-syncd")
set(CPACK_DEBIAN_HUB_PACKAGE_NAME "govappliance-hub")
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME "govappliance-kiosk")

set(CPACK_COMPONENT_CORE_DESCRIPTION
    "e-government appliance: command-line tool and sandbox supervisor\n"
    "govctl manages the appliance's encrypted case cache: service matters,\n"
    "cases and their statutory deadlines, the audit trail and the trust store.\n"
    "govsupervisor runs a program under its seccomp role and restarts it with\n"
    "back-off. This package creates the govappliance system user, the cache\n"
    "folder /var/lib/govappliance and the configuration folder\n"
    "/etc/govappliance.")
set(CPACK_COMPONENT_CLIENT_DESCRIPTION
    "e-government appliance: Qt workbench and citizen kiosk client\n"
    "govclient is the civil servant's workbench (case queue, new cases,\n"
    "receipts and notices) and, with --kiosk, the citizen self-service kiosk.")
set(CPACK_COMPONENT_SYNCD_DESCRIPTION
    "e-government appliance: sync daemon and its systemd service\n"
    "govsyncd pushes the cache's outbox to the exchange hub in SM2-signed\n"
    "batches over mutual TLS and pulls catalog, calendar and case status\n"
    "changes. The service runs as the govappliance user under systemd\n"
    "hardening and the program's own seccomp role.")
set(CPACK_COMPONENT_HUB_DESCRIPTION
    "e-government appliance: exchange hub and its systemd service\n"
    "govhub accepts signed batches from terminals over mutual TLS, stores\n"
    "them in SQLite or PostgreSQL and serves upstream changes to pull.")
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
    "e-government appliance: single-application kiosk session\n"
    "A systemd service logs the govkiosk user in on tty1 and runs the citizen\n"
    "kiosk full screen in the cage Wayland compositor, restarting it when it\n"
    "exits. An xinit script is the fallback where no Wayland compositor runs.")

# Sections per package.
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION "x11")
set(CPACK_DEBIAN_KIOSK_PACKAGE_SECTION "x11")
set(CPACK_DEBIAN_SYNCD_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_HUB_PACKAGE_SECTION "net")

# Maintainer scripts and conffiles lists, one folder per package.
foreach(component IN ITEMS core client syncd hub kiosk)
    string(TOUPPER "${component}" upper)
    set(extra "")
    foreach(file IN ITEMS conffiles preinst postinst prerm postrm)
        if(EXISTS "${CMAKE_CURRENT_LIST_DIR}/debian/${component}/${file}")
            list(APPEND extra "${CMAKE_CURRENT_LIST_DIR}/debian/${component}/${file}")
        endif()
    endforeach()
    set(CPACK_DEBIAN_${upper}_PACKAGE_CONTROL_EXTRA "${extra}")
endforeach()

# Writes changelog.gz into every package after the install step.
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/cpack-changelog.cmake")
set(GOV_PKG_CHANGELOG_SOURCE "${CMAKE_CURRENT_LIST_DIR}/debian/changelog.in")

configure_file("${CMAKE_CURRENT_LIST_DIR}/CPackProjectConfig.cmake.in"
               "${PROJECT_BINARY_DIR}/CPackProjectConfig.cmake" @ONLY)
set(CPACK_PROJECT_CONFIG_FILE "${PROJECT_BINARY_DIR}/CPackProjectConfig.cmake")

include(CPack)
