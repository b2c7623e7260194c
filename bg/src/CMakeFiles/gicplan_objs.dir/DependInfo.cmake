
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/perf2/src/acpi_read.c" "src/CMakeFiles/gicplan_objs.dir/acpi_read.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/acpi_read.c.o.d"
  "/work/wt/perf2/src/acpi_write.c" "src/CMakeFiles/gicplan_objs.dir/acpi_write.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/acpi_write.c.o.d"
  "/work/wt/perf2/src/api.c" "src/CMakeFiles/gicplan_objs.dir/api.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/api.c.o.d"
  "/work/wt/perf2/src/audit.c" "src/CMakeFiles/gicplan_objs.dir/audit.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/audit.c.o.d"
  "/work/wt/perf2/src/audit_tree.c" "src/CMakeFiles/gicplan_objs.dir/audit_tree.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/audit_tree.c.o.d"
  "/work/wt/perf2/src/board_json.c" "src/CMakeFiles/gicplan_objs.dir/board_json.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/board_json.c.o.d"
  "/work/wt/perf2/src/cli.c" "src/CMakeFiles/gicplan_objs.dir/cli.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/cli.c.o.d"
  "/work/wt/perf2/src/compat.c" "src/CMakeFiles/gicplan_objs.dir/compat.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/compat.c.o.d"
  "/work/wt/perf2/src/console.c" "src/CMakeFiles/gicplan_objs.dir/console.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/console.c.o.d"
  "/work/wt/perf2/src/dt_reader.c" "src/CMakeFiles/gicplan_objs.dir/dt_reader.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/dt_reader.c.o.d"
  "/work/wt/perf2/src/emit_fdt.c" "src/CMakeFiles/gicplan_objs.dir/emit_fdt.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/emit_fdt.c.o.d"
  "/work/wt/perf2/src/error.c" "src/CMakeFiles/gicplan_objs.dir/error.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/error.c.o.d"
  "/work/wt/perf2/src/fdt_writer.c" "src/CMakeFiles/gicplan_objs.dir/fdt_writer.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/fdt_writer.c.o.d"
  "/work/wt/perf2/src/fileio.c" "src/CMakeFiles/gicplan_objs.dir/fileio.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/fileio.c.o.d"
  "/work/wt/perf2/src/input.c" "src/CMakeFiles/gicplan_objs.dir/input.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/input.c.o.d"
  "/work/wt/perf2/src/json_in.c" "src/CMakeFiles/gicplan_objs.dir/json_in.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/json_in.c.o.d"
  "/work/wt/perf2/src/junit.c" "src/CMakeFiles/gicplan_objs.dir/junit.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/junit.c.o.d"
  "/work/wt/perf2/src/kvm.c" "src/CMakeFiles/gicplan_objs.dir/kvm.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/kvm.c.o.d"
  "/work/wt/perf2/src/layout.c" "src/CMakeFiles/gicplan_objs.dir/layout.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/layout.c.o.d"
  "/work/wt/perf2/src/map.c" "src/CMakeFiles/gicplan_objs.dir/map.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/map.c.o.d"
  "/work/wt/perf2/src/plan_json.c" "src/CMakeFiles/gicplan_objs.dir/plan_json.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/plan_json.c.o.d"
  "/work/wt/perf2/src/planner.c" "src/CMakeFiles/gicplan_objs.dir/planner.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/planner.c.o.d"
  "/work/wt/perf2/src/platform.c" "src/CMakeFiles/gicplan_objs.dir/platform.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/platform.c.o.d"
  "/work/wt/perf2/src/report.c" "src/CMakeFiles/gicplan_objs.dir/report.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/report.c.o.d"
  "/work/wt/perf2/src/tiers.c" "src/CMakeFiles/gicplan_objs.dir/tiers.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/tiers.c.o.d"
  "/work/wt/perf2/src/units.c" "src/CMakeFiles/gicplan_objs.dir/units.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/units.c.o.d"
  "/work/wt/perf2/src/verify.c" "src/CMakeFiles/gicplan_objs.dir/verify.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/verify.c.o.d"
  "/work/wt/perf2/src/vgic.c" "src/CMakeFiles/gicplan_objs.dir/vgic.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/vgic.c.o.d"
  "/work/wt/perf2/src/walls.c" "src/CMakeFiles/gicplan_objs.dir/walls.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/walls.c.o.d"
  "/work/wt/perf2/src/xml.c" "src/CMakeFiles/gicplan_objs.dir/xml.c.o" "gcc" "src/CMakeFiles/gicplan_objs.dir/xml.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
