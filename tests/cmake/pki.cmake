# Test PKI: SM2 certificates and CRLs made with OpenSSL for the trust store
# tests and the mutual-TLS tests.

add_library(govtestpki STATIC
    ${CMAKE_CURRENT_SOURCE_DIR}/support/TestPki.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/support/TestPki.h)
target_include_directories(govtestpki PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_link_libraries(govtestpki PUBLIC govcrypto Qt6::Core PRIVATE OpenSSL::Crypto)

add_executable(gen_test_pki ${CMAKE_CURRENT_SOURCE_DIR}/support/gen_test_pki.cpp)
target_link_libraries(gen_test_pki PRIVATE govtestpki govcore)

if(TARGET tst_truststore)
    target_link_libraries(tst_truststore PRIVATE govtestpki)
endif()
