# Empty dependencies file for gicplan_shared.
# This may be replaced when dependencies are built.
