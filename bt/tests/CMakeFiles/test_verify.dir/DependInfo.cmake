
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/perf2/tests/test_verify.c" "tests/CMakeFiles/test_verify.dir/test_verify.c.o" "gcc" "tests/CMakeFiles/test_verify.dir/test_verify.c.o.d"
  "/work/wt/perf2/tests/xfdt.c" "tests/CMakeFiles/test_verify.dir/xfdt.c.o" "gcc" "tests/CMakeFiles/test_verify.dir/xfdt.c.o.d"
  "/work/wt/perf2/tests/xfile.c" "tests/CMakeFiles/test_verify.dir/xfile.c.o" "gcc" "tests/CMakeFiles/test_verify.dir/xfile.c.o.d"
  "/work/wt/perf2/tests/xlayout.c" "tests/CMakeFiles/test_verify.dir/xlayout.c.o" "gcc" "tests/CMakeFiles/test_verify.dir/xlayout.c.o.d"
  "/work/wt/perf2/tests/xplan.c" "tests/CMakeFiles/test_verify.dir/xplan.c.o" "gcc" "tests/CMakeFiles/test_verify.dir/xplan.c.o.d"
  "/work/wt/perf2/tests/xrun.c" "tests/CMakeFiles/test_verify.dir/xrun.c.o" "gcc" "tests/CMakeFiles/test_verify.dir/xrun.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/perf2/bt/src/CMakeFiles/gicplan_core.dir/DependInfo.cmake"
  "/work/wt/perf2/bt/src/gic_emul/CMakeFiles/gic_emul.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
