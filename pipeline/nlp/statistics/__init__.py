"""The statistics stage: numbers, units, roles and indicators of every figure in an article."""
