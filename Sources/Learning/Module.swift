// Learning module.
