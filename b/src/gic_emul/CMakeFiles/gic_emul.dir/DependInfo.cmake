
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/perf2/src/gic_emul/gic_core.c" "src/gic_emul/CMakeFiles/gic_emul.dir/gic_core.c.o" "gcc" "src/gic_emul/CMakeFiles/gic_emul.dir/gic_core.c.o.d"
  "/work/wt/perf2/src/gic_emul/gic_irq.c" "src/gic_emul/CMakeFiles/gic_emul.dir/gic_irq.c.o" "gcc" "src/gic_emul/CMakeFiles/gic_emul.dir/gic_irq.c.o.d"
  "/work/wt/perf2/src/gic_emul/gic_its.c" "src/gic_emul/CMakeFiles/gic_emul.dir/gic_its.c.o" "gcc" "src/gic_emul/CMakeFiles/gic_emul.dir/gic_its.c.o.d"
  "/work/wt/perf2/src/gic_emul/gic_mmio.c" "src/gic_emul/CMakeFiles/gic_emul.dir/gic_mmio.c.o" "gcc" "src/gic_emul/CMakeFiles/gic_emul.dir/gic_mmio.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
