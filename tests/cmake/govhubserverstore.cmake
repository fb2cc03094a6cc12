# The hub's server store called directly on the private PostgreSQL server
# of the gov_postgres fixture (hubpostgres.cmake), through QPSQL and QODBC.
if(TARGET tst_govhubserverstore AND TARGET govhubcore)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Sql)
    target_link_libraries(tst_govhubserverstore PRIVATE govhubcore Qt6::Sql)
    set_tests_properties(govhubserverstore PROPERTIES
        ENVIRONMENT "${GOV_TEST_ENVIRONMENT};GOV_TEST_PG_DIR=${CMAKE_CURRENT_BINARY_DIR}/pg-server"
        FIXTURES_REQUIRED gov_postgres
        SKIP_REGULAR_EXPRESSION "SKIP +: [A-Za-z]+::initTestCase\\(\\)")
endif()
