# govhub on PostgreSQL: a private server started by support/pg_server.sh as
# a CTest fixture, the govhub suite run again against it through QPSQL
# (govhub_postgres) and through QODBC with psqlODBC (govhub_odbc), and two
# govhub processes sharing one database (govhubcluster). Without the
# server binaries the fixture records why, the tests QSKIP in
# initTestCase, and CTest reports them as skipped, not passed.
set(GOV_PG_SKIP_PATTERN "SKIP +: [A-Za-z]+::initTestCase\\(\\)")

set(GOV_PG_TEST_DIR ${CMAKE_CURRENT_BINARY_DIR}/pg-server)
add_test(NAME hub_postgres_start
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/support/pg_server.sh start ${GOV_PG_TEST_DIR})
add_test(NAME hub_postgres_stop
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/support/pg_server.sh stop ${GOV_PG_TEST_DIR})
set_tests_properties(hub_postgres_start PROPERTIES FIXTURES_SETUP gov_postgres TIMEOUT 120)
set_tests_properties(hub_postgres_stop PROPERTIES FIXTURES_CLEANUP gov_postgres TIMEOUT 120)

if(TARGET tst_govhub)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Sql)
    target_link_libraries(tst_govhub PRIVATE Qt6::Sql)
    add_test(NAME govhub_postgres COMMAND tst_govhub)
    set_tests_properties(govhub_postgres PROPERTIES
        ENVIRONMENT "${GOV_TEST_ENVIRONMENT};GOV_TEST_PG_DIR=${GOV_PG_TEST_DIR}"
        FIXTURES_REQUIRED gov_postgres
        SKIP_REGULAR_EXPRESSION "${GOV_PG_SKIP_PATTERN}"
        TIMEOUT 600)
    # The same suite through QODBC and psqlODBC, on a database of its own,
    # so it can run beside govhub_postgres.
    add_test(NAME govhub_odbc COMMAND tst_govhub)
    set_tests_properties(govhub_odbc PROPERTIES
        ENVIRONMENT "${GOV_TEST_ENVIRONMENT};GOV_TEST_PG_DIR=${GOV_PG_TEST_DIR};GOV_TEST_HUB_BACKEND=odbc"
        FIXTURES_REQUIRED gov_postgres
        SKIP_REGULAR_EXPRESSION "${GOV_PG_SKIP_PATTERN}"
        TIMEOUT 600)
endif()

if(TARGET tst_govhubcluster)
    find_package(CURL REQUIRED)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Sql)
    target_link_libraries(tst_govhubcluster PRIVATE govexchange govtestpki govtesttls CURL::libcurl Qt6::Sql)
    add_dependencies(tst_govhubcluster govhub)
    target_compile_definitions(tst_govhubcluster PRIVATE GOVHUB="$<TARGET_FILE:govhub>")
    set_tests_properties(govhubcluster PROPERTIES
        ENVIRONMENT "${GOV_TEST_ENVIRONMENT};GOV_TEST_PG_DIR=${GOV_PG_TEST_DIR}"
        FIXTURES_REQUIRED gov_postgres
        SKIP_REGULAR_EXPRESSION "${GOV_PG_SKIP_PATTERN}")
endif()
