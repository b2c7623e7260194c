file(REMOVE_RECURSE
  "libgicplan_core.a"
)
