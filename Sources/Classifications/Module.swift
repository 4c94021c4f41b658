// Classifications module.
