# govctl cache migrate: the copy's verification (cachemigrator, SQLite
# only) and the round trips of 10,000 cases through PostgreSQL and ODBC
# (cachemigrate, on the hub's private server of hubpostgres.cmake, which no
# test restarts).
if(TARGET tst_cachemigrator AND TARGET govdb)
    target_link_libraries(tst_cachemigrator PRIVATE govdb)
endif()

if(TARGET tst_cachemigrate AND TARGET govdb)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Sql)
    target_link_libraries(tst_cachemigrate PRIVATE govdb Qt6::Sql)
    add_dependencies(tst_cachemigrate govctl gen_case_export)
    set_tests_properties(cachemigrate PROPERTIES
        # Each copy of 10,000 cases to a server takes a minute or two on 2
        # cores, more than Qt Test's watchdog allows one test function.
        ENVIRONMENT "${GOV_TEST_ENVIRONMENT};GOV_TEST_PG_DIR=${CMAKE_CURRENT_BINARY_DIR}/pg-server;QTEST_FUNCTION_TIMEOUT=1200000"
        FIXTURES_REQUIRED gov_postgres
        SKIP_REGULAR_EXPRESSION "SKIP +: [A-Za-z]+::initTestCase\\(\\)"
        TIMEOUT 1200)
    if(GOV_SANITIZE)
        set_property(TEST cachemigrate APPEND PROPERTY ENVIRONMENT "GOV_TEST_MIGRATE_CASES=1000")
    endif()
endif()
