# Sync transport: TLS test certificates (P-256), the fault-injecting proxy
# and the tests of HttpsClient and Backoff.

add_library(govtesttls STATIC
    ${CMAKE_CURRENT_SOURCE_DIR}/support/TestTls.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/support/TestTls.h)
target_include_directories(govtesttls PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_link_libraries(govtesttls PUBLIC govcore Qt6::Core PRIVATE OpenSSL::Crypto)

add_executable(gen_test_tls ${CMAKE_CURRENT_SOURCE_DIR}/support/gen_test_tls.cpp)
target_link_libraries(gen_test_tls PRIVATE govtesttls)

# The fault-injecting TCP proxy (plain POSIX sockets and threads).
find_package(Threads REQUIRED)
add_executable(gov_faultproxy ${CMAKE_CURRENT_SOURCE_DIR}/tools/faultproxy.cpp)
target_link_libraries(gov_faultproxy PRIVATE Threads::Threads)
set_target_properties(gov_faultproxy PROPERTIES AUTOMOC OFF)

# cpp-httplib (Debian: libcpp-httplib-dev) serves HTTPS with mutual TLS in
# the client tests.
pkg_check_modules(CPPHTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

foreach(test_target IN ITEMS tst_httpsclient tst_backoff tst_transportfailure tst_faultproxy)
    if(TARGET ${test_target})
        target_link_libraries(${test_target} PRIVATE govsynctransport govtesttls)
        add_dependencies(${test_target} gov_faultproxy)
        target_compile_definitions(${test_target} PRIVATE
            GOV_FAULTPROXY="$<TARGET_FILE:gov_faultproxy>")
    endif()
endforeach()
foreach(test_target IN ITEMS tst_httpsclient tst_faultproxy)
    if(TARGET ${test_target})
        target_link_libraries(${test_target} PRIVATE PkgConfig::CPPHTTPLIB OpenSSL::SSL)
    endif()
endforeach()
if(TARGET tst_transportfailure)
    find_package(CURL 7.68 REQUIRED)
    target_link_libraries(tst_transportfailure PRIVATE CURL::libcurl)
endif()
