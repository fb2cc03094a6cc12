# The hub store on an embedded SQLite file: files of the earlier SQLite-only
# store, writers on several threads, a newer schema.
if(TARGET tst_govhubsqlitestore AND TARGET govhubcore)
    target_link_libraries(tst_govhubsqlitestore PRIVATE govhubcore)
endif()
