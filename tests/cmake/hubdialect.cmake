# The dialect SQL of the hub's server store, for every family (no server).
if(TARGET tst_hubdialect AND TARGET govdb)
    target_link_libraries(tst_hubdialect PRIVATE govdb)
endif()
