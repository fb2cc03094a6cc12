# The shipped programs under their sandbox roles: govctl (cli), govclient
# (ui) and govsupervisor with sandbox_probe as its worker (sandbox.cmake).
if(TARGET tst_productsandbox)
    target_link_libraries(tst_productsandbox PRIVATE govsandbox)
    add_dependencies(tst_productsandbox govsupervisor sandbox_probe govctl)
    target_compile_definitions(tst_productsandbox PRIVATE
        GOV_SUPERVISOR="$<TARGET_FILE:govsupervisor>"
        GOV_SANDBOX_PROBE="$<TARGET_FILE:sandbox_probe>")
    if(TARGET govclient)
        add_dependencies(tst_productsandbox govclient)
        target_compile_definitions(tst_productsandbox PRIVATE GOV_CLIENT="$<TARGET_FILE:govclient>")
    endif()
endif()
if(GOV_SANITIZE AND TARGET tst_productsandbox)
    # See sandbox.cmake: no leak check inside a seccomp role.
    set_property(TEST productsandbox APPEND PROPERTY ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0")
endif()
