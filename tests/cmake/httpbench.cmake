# bench_httpserver: Qt HTTP Server, cpp-httplib and libmicrohttpd under the
# same load, to choose govhub's HTTP server. A plain executable like the
# other benchmarks, not a CTest test; docs/benchmarks.md says how to run it.
# Built only where all three libraries are installed (Debian 12:
# qt6-httpserver-dev libcpp-httplib-dev libmicrohttpd-dev, with
# libcurl4-openssl-dev and libgnutls28-dev).

find_package(Qt6 6.4 QUIET COMPONENTS HttpServer Network)
find_package(CURL QUIET)
pkg_check_modules(CPP_HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
pkg_check_modules(MICROHTTPD QUIET IMPORTED_TARGET libmicrohttpd)
pkg_check_modules(GNUTLS QUIET IMPORTED_TARGET gnutls)

if(TARGET Qt6::HttpServer AND CURL_FOUND AND CPP_HTTPLIB_FOUND AND MICROHTTPD_FOUND AND GNUTLS_FOUND)
    add_executable(bench_httpserver ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_httpserver.cpp)
    target_link_libraries(bench_httpserver PRIVATE
        Qt6::HttpServer Qt6::Network
        CURL::libcurl
        PkgConfig::CPP_HTTPLIB PkgConfig::MICROHTTPD PkgConfig::GNUTLS
        OpenSSL::SSL OpenSSL::Crypto)
    target_compile_definitions(bench_httpserver PRIVATE GOV_BINARY_DIR="${CMAKE_BINARY_DIR}")
else()
    message(STATUS "bench_httpserver not built: it needs qt6-httpserver-dev, libcpp-httplib-dev, "
                   "libmicrohttpd-dev, libgnutls28-dev and libcurl4-openssl-dev")
endif()
