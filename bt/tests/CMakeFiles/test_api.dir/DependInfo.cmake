
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/perf2/tests/test_api.c" "tests/CMakeFiles/test_api.dir/test_api.c.o" "gcc" "tests/CMakeFiles/test_api.dir/test_api.c.o.d"
  "/work/wt/perf2/tests/xfile.c" "tests/CMakeFiles/test_api.dir/xfile.c.o" "gcc" "tests/CMakeFiles/test_api.dir/xfile.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/perf2/bt/src/CMakeFiles/gicplan_static.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
