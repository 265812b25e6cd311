# Packaging of the shared library (included from lib/CMakeLists.txt):
# exported symbols, installed headers, CMake package (zhmetaConfig.cmake +
# version file, install(EXPORT)) and pkg-config file, for the install tree and
# for the build tree (so tests build the examples exactly as users would).
# SONAME policy: capi/README.md.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(zhmeta_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/zhmeta)

# The C header at its installed path <zhmeta/zhmeta.h> in the build tree too
# (generated/include is already on zhmeta's include path).
configure_file(${PROJECT_SOURCE_DIR}/capi/zhmeta.h ${PROJECT_BINARY_DIR}/generated/include/zhmeta/zhmeta.h
               COPYONLY)

# Export only zhmeta_* and namespace zhmeta: hidden visibility (set on the
# objects) removes our internals, the version script removes the template
# instances of other libraries' code that would otherwise leak as weak symbols.
set(zhmeta_version_script ${PROJECT_SOURCE_DIR}/capi/zhmeta.map)
target_link_options(zhmeta PRIVATE "LINKER:--version-script=${zhmeta_version_script}"
                    "LINKER:--no-undefined")
set_property(TARGET zhmeta APPEND PROPERTY LINK_DEPENDS ${zhmeta_version_script})

install(TARGETS zhmeta EXPORT zhmetaTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/capi/zhmeta.h
              ${PROJECT_SOURCE_DIR}/include/zhmeta/zhmeta.hpp
              ${PROJECT_BINARY_DIR}/generated/include/zhmeta/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/zhmeta)
install(EXPORT zhmetaTargets NAMESPACE zhmeta:: DESTINATION ${zhmeta_cmake_dir})
# The CLI (statically linked, so it needs no libzhmeta.so). tools/ is added
# after lib/, hence a generator expression rather than install(TARGETS).
if(ZHMETA_BUILD_TOOLS)
  install(PROGRAMS $<TARGET_FILE:zhmeta_cli> DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
# The Python binding (stdlib only): PYTHONPATH=<prefix>/share/zhmeta/python.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/capi/python/zhmeta DESTINATION ${CMAKE_INSTALL_DATADIR}/zhmeta/python
        FILES_MATCHING PATTERN "*.py" PATTERN "__pycache__" EXCLUDE)

# zhmetaConfig.cmake: the same text for both trees; only the targets file differs.
set(zhmeta_config_in ${PROJECT_BINARY_DIR}/packaging/zhmetaConfig.cmake.in)
file(WRITE ${zhmeta_config_in} [=[
# zhmeta CMake package: find_package(zhmeta) then link zhmeta::zhmeta.
@PACKAGE_INIT@
include("${CMAKE_CURRENT_LIST_DIR}/zhmetaTargets.cmake")
check_required_components(zhmeta)
]=])
configure_package_config_file(${zhmeta_config_in} ${PROJECT_BINARY_DIR}/packaging/zhmetaConfig.cmake
  INSTALL_DESTINATION ${zhmeta_cmake_dir})
# Same major = same SONAME = compatible (capi/README.md).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/zhmetaConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/packaging/zhmetaConfig.cmake ${PROJECT_BINARY_DIR}/zhmetaConfigVersion.cmake
        DESTINATION ${zhmeta_cmake_dir})

# Build tree: find_package(zhmeta) with zhmeta_DIR=<build dir>.
export(EXPORT zhmetaTargets NAMESPACE zhmeta:: FILE ${PROJECT_BINARY_DIR}/zhmetaTargets.cmake)
configure_package_config_file(${zhmeta_config_in} ${PROJECT_BINARY_DIR}/zhmetaConfig.cmake
  INSTALL_DESTINATION ${PROJECT_BINARY_DIR} INSTALL_PREFIX ${PROJECT_BINARY_DIR})

# pkg-config. The installed file finds its prefix relative to itself
# (${pcfiledir}), so `cmake --install --prefix ANY` gives a working file.
file(RELATIVE_PATH zhmeta_pc_to_prefix /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" zhmeta_pc_to_prefix "${zhmeta_pc_to_prefix}")
set(zhmeta_pc_common "Name: zhmeta
Description: ${PROJECT_DESCRIPTION}
Version: ${PROJECT_VERSION}
")
file(WRITE ${PROJECT_BINARY_DIR}/packaging/zhmeta.pc
"prefix=\${pcfiledir}/${zhmeta_pc_to_prefix}
libdir=\${prefix}/${CMAKE_INSTALL_LIBDIR}
includedir=\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}

${zhmeta_pc_common}Libs: -L\${libdir} -lzhmeta
Cflags: -I\${includedir}
")
install(FILES ${PROJECT_BINARY_DIR}/packaging/zhmeta.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
# Build tree: PKG_CONFIG_PATH=<build>/pkgconfig-uninstalled (used by the tests;
# the rpath saves them an LD_LIBRARY_PATH).
file(WRITE ${PROJECT_BINARY_DIR}/pkgconfig-uninstalled/zhmeta.pc
"libdir=${PROJECT_BINARY_DIR}/lib

${zhmeta_pc_common}Libs: -L\${libdir} -Wl,-rpath,\${libdir} -lzhmeta
Cflags: -I${PROJECT_BINARY_DIR}/generated/include -I${PROJECT_SOURCE_DIR}/include
")
