# Compiler and linker hardening for every target of the project: stack
# protector, FORTIFY_SOURCE, PIE, full RELRO and immediate binding.

add_compile_options(
    -Wall -Wextra -Wpedantic
    -Wformat=2 -Werror=format-security
    -fstack-protector-strong
    -fstack-clash-protection
)

if(NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
    add_compile_definitions(_FORTIFY_SOURCE=2)
endif()

if(CMAKE_BUILD_TYPE STREQUAL "Debug")
    add_compile_options(-Werror)
endif()

set(CMAKE_POSITION_INDEPENDENT_CODE ON)
add_link_options(-Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack -pie)

if(GOV_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
    # Programs skip their seccomp role by default in this build: LeakSanitizer
    # stops the process with ptrace at exit, which every role forbids.
    add_compile_definitions(GOV_SANITIZER_BUILD)
endif()
