# govctl with its terminal key on the fake USB key (see skf.cmake).
if(TARGET tst_skfterminal AND TARGET govfakeskf)
    add_dependencies(tst_skfterminal govfakeskf govfakeskf_nosign govctl)
    target_compile_definitions(tst_skfterminal PRIVATE
        GOV_FAKE_SKF_LIBRARY="$<TARGET_FILE:govfakeskf>"
        GOV_FAKE_SKF_NOSIGN_LIBRARY="$<TARGET_FILE:govfakeskf_nosign>")
endif()
