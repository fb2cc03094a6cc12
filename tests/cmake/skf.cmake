# The fake SKF (GM/T 0016) library over OpenSSL and the test of SkfProvider
# that loads it by path. A second build of the fake lacks SKF_ECCSignData, to
# test how the provider rejects an incomplete vendor library.

foreach(fake_target IN ITEMS govfakeskf govfakeskf_nosign)
    add_library(${fake_target} SHARED ${CMAKE_CURRENT_LIST_DIR}/../fakes/skf/FakeSkf.cpp)
    target_include_directories(${fake_target} PRIVATE ${CMAKE_SOURCE_DIR}/drivers-adapters/crypto)
    target_link_libraries(${fake_target} PRIVATE OpenSSL::Crypto)
    # cmake/Hardening.cmake links every target with -pie, which would turn
    # this shared library into an executable.
    get_target_property(gov_fake_skf_link_options ${fake_target} LINK_OPTIONS)
    list(REMOVE_ITEM gov_fake_skf_link_options -pie)
    set_target_properties(${fake_target} PROPERTIES
        LINK_OPTIONS "${gov_fake_skf_link_options}"
        CXX_VISIBILITY_PRESET hidden
        AUTOMOC OFF)
endforeach()
target_compile_definitions(govfakeskf_nosign PRIVATE GOV_FAKE_SKF_WITHOUT_SIGN)

if(TARGET tst_skfprovider)
    add_dependencies(tst_skfprovider govfakeskf govfakeskf_nosign)
    target_link_libraries(tst_skfprovider PRIVATE OpenSSL::Crypto)
    target_include_directories(tst_skfprovider PRIVATE ${CMAKE_SOURCE_DIR}/drivers-adapters/crypto)
    target_compile_definitions(tst_skfprovider PRIVATE
        GOV_FAKE_SKF_LIBRARY="$<TARGET_FILE:govfakeskf>"
        GOV_FAKE_SKF_NOSIGN_LIBRARY="$<TARGET_FILE:govfakeskf_nosign>")
endif()
