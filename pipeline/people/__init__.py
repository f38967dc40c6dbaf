"""People and offices across the archive (issue 19): derived from the published tables.

places (divisions → Place), offices (title and organization unified), mentions (each
article's people, their roles and bare references), identity (one person_id per person),
build (the derived tables' rows), report (the `baokan people` / `baokan offices` output).
"""
