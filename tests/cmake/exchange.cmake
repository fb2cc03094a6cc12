# The exchange protocol (govexchange) and the hub (govhub): the canonical
# form, the messages and their signatures, and a running govhub over
# mutual TLS on loopback.

foreach(exchange_test IN ITEMS tst_canonicaljson tst_exchangemessages tst_signedmessage tst_govhub)
    if(TARGET ${exchange_test})
        target_link_libraries(${exchange_test} PRIVATE govexchange)
    endif()
endforeach()

# This file is read before pki.cmake and transport.cmake define the test
# PKI targets, so they are linked by name.
if(TARGET tst_signedmessage)
    target_link_libraries(tst_signedmessage PRIVATE govtestpki)
endif()

if(TARGET tst_govhub)
    find_package(CURL REQUIRED)
    target_link_libraries(tst_govhub PRIVATE govtestpki govtesttls govsynctransport CURL::libcurl)
    add_dependencies(tst_govhub govhub)
    target_compile_definitions(tst_govhub PRIVATE GOVHUB="$<TARGET_FILE:govhub>")
endif()
