# The appliance side of the exchange: govsyncd against a real govhub over
# HTTPS on loopback, with the fault proxy and process kills in between.

if(TARGET tst_govsyncd)
    target_link_libraries(tst_govsyncd PRIVATE govtestpki govtesttls govcrypto govsandbox)
    add_dependencies(tst_govsyncd govsyncd govhub govctl gov_faultproxy gen_case_export)
    target_compile_definitions(tst_govsyncd PRIVATE
        GOVSYNCD="$<TARGET_FILE:govsyncd>"
        GOVHUB="$<TARGET_FILE:govhub>"
        GOV_FAULTPROXY="$<TARGET_FILE:gov_faultproxy>")
    # The 10,000-case push and the fault run take about a minute each on a
    # 2-core machine; each Qt Test function gets up to 10 minutes.
    set_tests_properties(govsyncd PROPERTIES
        TIMEOUT 1200
        ENVIRONMENT "${GOV_TEST_ENVIRONMENT};QTEST_FUNCTION_TIMEOUT=600000")
endif()

if(TARGET tst_synccache)
    target_link_libraries(tst_synccache PRIVATE govsynccache govtestpki govcrypto)
endif()

# runsUnderSyncRole starts govsyncd with GOV_SANDBOX=required; LeakSanitizer
# cannot stop the world under a seccomp role (see sandbox.cmake).
if(GOV_SANITIZE AND TARGET tst_govsyncd)
    set_property(TEST govsyncd APPEND PROPERTY ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0")
endif()
