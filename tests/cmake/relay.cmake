# Relay mode of govhub: a provincial hub, a county hub forwarding to it and
# two field offices (govsyncd caches) on loopback, with the county hub
# killed during forwarding.

if(TARGET tst_govhubrelay)
    find_package(CURL REQUIRED)
    target_link_libraries(tst_govhubrelay PRIVATE govexchange govtestpki govtesttls govcrypto CURL::libcurl)
    add_dependencies(tst_govhubrelay govhub govsyncd govctl gen_case_export)
    target_compile_definitions(tst_govhubrelay PRIVATE
        GOVHUB="$<TARGET_FILE:govhub>"
        GOVSYNCD="$<TARGET_FILE:govsyncd>")
    set_tests_properties(govhubrelay PROPERTIES
        TIMEOUT 900
        ENVIRONMENT "${GOV_TEST_ENVIRONMENT};QTEST_FUNCTION_TIMEOUT=600000")
endif()
