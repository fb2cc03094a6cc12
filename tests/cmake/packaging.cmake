# The packages' systemd units (systemd-analyze verify and security) and the
# kiosk session's restart loop. The chroot install test,
# packaging/test-install.sh, needs root and the network mirror, so CI runs
# it as a separate step, not under CTest.
find_program(GOV_SYSTEMD_ANALYZE systemd-analyze)
if(GOV_SYSTEMD_ANALYZE)
    add_test(NAME packaging_units
             COMMAND bash ${CMAKE_SOURCE_DIR}/packaging/test-units.sh ${CMAKE_CURRENT_BINARY_DIR}/packaging-units)
    set_tests_properties(packaging_units PROPERTIES TIMEOUT 120 LABELS packaging)
endif()
