# govctl trust verify against a PKI that gen_test_pki (pki.cmake) writes.
if(TARGET tst_govctl AND TARGET gen_test_pki)
    add_dependencies(tst_govctl gen_test_pki)
    target_compile_definitions(tst_govctl PRIVATE GOV_GEN_TEST_PKI="$<TARGET_FILE:gen_test_pki>")
endif()
