# Sandbox tests: tst_sandbox*.cpp link govsandbox and start sandbox_probe,
# which applies a role to itself and then makes one system call the test
# watches from outside.

add_executable(sandbox_probe ${CMAKE_CURRENT_SOURCE_DIR}/sandbox/sandbox_probe.cpp)
target_link_libraries(sandbox_probe PRIVATE govsandbox)

file(GLOB GOV_SANDBOX_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/tst_sandbox*.cpp)
foreach(source IN LISTS GOV_SANDBOX_TESTS)
    get_filename_component(target ${source} NAME_WE)
    target_link_libraries(${target} PRIVATE govsandbox)
    target_compile_definitions(${target} PRIVATE GOV_SANDBOX_PROBE="$<TARGET_FILE:sandbox_probe>")
    add_dependencies(${target} sandbox_probe)
endforeach()

# Linked into every widget test (tests/ui/CMakeLists.txt): applies the role
# named in GOV_SANDBOX_ROLE before main(). An object library, so that the
# static initializer is linked even though nothing refers to it.
if(GOV_BUILD_UI)
    add_library(gov_ui_test_sandbox OBJECT ${CMAKE_CURRENT_SOURCE_DIR}/sandbox/UiTestSandbox.cpp)
    target_link_libraries(gov_ui_test_sandbox PUBLIC govsandbox)
endif()

# LeakSanitizer stops the world with ptrace at exit, which every role
# forbids, so sandboxed processes in the sanitizer build run without the
# leak check (the rest of the suite keeps it).
if(GOV_SANITIZE)
    foreach(source IN LISTS GOV_SANDBOX_TESTS)
        get_filename_component(target ${source} NAME_WE)
        string(REGEX REPLACE "^tst_" "" test_name ${target})
        set_property(TEST ${test_name} APPEND PROPERTY ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0")
    endforeach()
endif()
