# bench_exchange: cases per second pushed to an in-process govhub over
# loopback HTTPS, with SM2 signatures and without. A plain executable like
# the other benchmarks, not a CTest test; docs/benchmarks.md says how to
# run it. It compiles govhub's HttpServer.cpp, which only the govhub
# executable builds otherwise.

add_executable(bench_exchange
    ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_exchange.cpp
    ${CMAKE_SOURCE_DIR}/appliance/hub/HttpServer.cpp)
target_include_directories(bench_exchange PRIVATE ${CMAKE_SOURCE_DIR}/appliance/hub)
target_link_libraries(bench_exchange PRIVATE
    govhubcore govsynctransport govtestpki govtesttls PkgConfig::CPPHTTPLIB OpenSSL::SSL OpenSSL::Crypto)
target_compile_definitions(bench_exchange PRIVATE GOV_BINARY_DIR="${CMAKE_BINARY_DIR}")
