# Empty dependencies file for test_dt_irq.
# This may be replaced when dependencies are built.
