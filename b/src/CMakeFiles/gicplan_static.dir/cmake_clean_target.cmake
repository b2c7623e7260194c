file(REMOVE_RECURSE
  "libgicplan.a"
)
