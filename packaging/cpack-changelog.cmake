# CPack pre-build script: writes usr/share/doc/<package>/changelog.gz into
# each package's staging folder. The entry carries the version that this
# cpack run builds, which lintian compares with the package version.
#
# The date is SOURCE_DATE_EPOCH when set (reproducible builds), else now.

if(DEFINED ENV{SOURCE_DATE_EPOCH})
    set(date_command date -u -R -d "@$ENV{SOURCE_DATE_EPOCH}")
else()
    set(date_command date -u -R)
endif()
execute_process(COMMAND ${date_command} OUTPUT_VARIABLE GOV_PKG_DATE OUTPUT_STRIP_TRAILING_WHITESPACE
                COMMAND_ERROR_IS_FATAL ANY)
set(GOV_PKG_VERSION "${CPACK_PACKAGE_VERSION}")
set(GOV_PKG_MAINTAINER "${CPACK_DEBIAN_PACKAGE_MAINTAINER}")

get_filename_component(source_dir "${CMAKE_CURRENT_LIST_FILE}" DIRECTORY)
set(changelog "${CPACK_TEMPORARY_DIRECTORY}/changelog")
configure_file("${source_dir}/debian/changelog.in" "${changelog}" @ONLY)

foreach(component IN LISTS CPACK_COMPONENTS_ALL)
    string(TOUPPER "${component}" upper)
    set(package "${CPACK_DEBIAN_${upper}_PACKAGE_NAME}")
    set(doc_dir "${CPACK_TEMPORARY_DIRECTORY}/${component}${CPACK_PACKAGING_INSTALL_PREFIX}/share/doc/${package}")
    if(NOT IS_DIRECTORY "${doc_dir}")
        message(FATAL_ERROR "cpack-changelog: ${doc_dir} is missing; does the install step put the copyright file there?")
    endif()
    # gzip -n leaves out the time stamp, which lintian reports otherwise.
    execute_process(COMMAND gzip -9 -n -c "${changelog}"
                    OUTPUT_FILE "${doc_dir}/changelog.gz"
                    COMMAND_ERROR_IS_FATAL ANY)
    file(CHMOD "${doc_dir}/changelog.gz" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endforeach()
