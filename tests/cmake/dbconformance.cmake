# The storage layer's conformance suite on its three backends. The test
# `dbconformance` (from unit/) runs it on SQLite; dbconformance_postgres
# and dbconformance_odbc run it again on a private PostgreSQL server,
# through QPSQL and through QODBC with psqlODBC. Those two stop and start
# their server to test lost connections, so they have a server of their
# own (not the hub's) and never run at the same time.
if(TARGET tst_dbconformance AND TARGET govdb)
    target_link_libraries(tst_dbconformance PRIVATE govdb)
    set_tests_properties(dbconformance PROPERTIES
        ENVIRONMENT "${GOV_TEST_ENVIRONMENT};GOV_TEST_DB_BACKEND=sqlite")

    set(GOV_DBCONF_PG_DIR ${CMAKE_CURRENT_BINARY_DIR}/pg-dbconformance)
    add_test(NAME dbconformance_server_start
             COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/support/pg_server.sh start ${GOV_DBCONF_PG_DIR})
    add_test(NAME dbconformance_server_stop
             COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/support/pg_server.sh stop ${GOV_DBCONF_PG_DIR})
    set_tests_properties(dbconformance_server_start PROPERTIES FIXTURES_SETUP gov_dbconformance_pg TIMEOUT 120)
    set_tests_properties(dbconformance_server_stop PROPERTIES FIXTURES_CLEANUP gov_dbconformance_pg TIMEOUT 120)

    foreach(backend IN ITEMS postgres odbc)
        add_test(NAME dbconformance_${backend} COMMAND tst_dbconformance)
        set_tests_properties(dbconformance_${backend} PROPERTIES
            ENVIRONMENT "${GOV_TEST_ENVIRONMENT};GOV_TEST_DB_BACKEND=${backend};GOV_TEST_PG_DIR=${GOV_DBCONF_PG_DIR}"
            FIXTURES_REQUIRED gov_dbconformance_pg
            RESOURCE_LOCK gov_dbconformance_pg
            SKIP_REGULAR_EXPRESSION "SKIP +: [A-Za-z]+::initTestCase\\(\\)"
            TIMEOUT 600)
    endforeach()
endif()
