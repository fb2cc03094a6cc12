# Signed update bundles: the version order and archive reader as units, and
# govctl update sign|verify|apply against the real dpkg in a scratch root.
foreach(test_target IN ITEMS tst_debianversion tst_tarreader)
    if(TARGET ${test_target})
        target_link_libraries(${test_target} PRIVATE govupdate)
    endif()
endforeach()

if(TARGET tst_update)
    target_link_libraries(tst_update PRIVATE govupdate govtestpki govsandbox)
    add_dependencies(tst_update govctl)
endif()

if(GOV_SANITIZE AND TARGET tst_update)
    # One case runs govctl under GOV_SANDBOX=required. LeakSanitizer stops
    # the world with ptrace at exit, which the role forbids (sandbox.cmake).
    set_property(TEST update APPEND PROPERTY ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0")
endif()
