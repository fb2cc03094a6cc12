# The SM vector and SM2 key tests call OpenSSL's EVP API directly as well:
# for the GB/T 32907 iterated SM4 example, and to make keys in formats
# (SEC1, RSA, encrypted PKCS#8) that the code under test must read or reject.

foreach(gmcrypto_test IN ITEMS tst_smvectors tst_sm2keys)
    if(TARGET ${gmcrypto_test})
        target_link_libraries(${gmcrypto_test} PRIVATE OpenSSL::Crypto)
    endif()
endforeach()
