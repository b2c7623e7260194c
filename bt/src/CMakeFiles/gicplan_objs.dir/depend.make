# Empty dependencies file for gicplan_objs.
# This may be replaced when dependencies are built.
