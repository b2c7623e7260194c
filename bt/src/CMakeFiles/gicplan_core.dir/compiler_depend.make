# Empty compiler generated dependencies file for gicplan_core.
# This may be replaced when dependencies are built.
