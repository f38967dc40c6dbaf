from pipeline.tables.schemas import DERIVED, RUN_TABLES, TABLES, data_dictionary
from tests.conftest import REPO


def test_data_dictionary_matches_the_schemas():
    assert data_dictionary() in (REPO / "docs" / "data_dictionary.md").read_text(encoding="utf-8")


def test_readme_lists_every_table_with_declared_columns():
    import re

    from pipeline.tables import schemas

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in TABLES:
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{name}` |"))
        columns = set(getattr(schemas, name.upper()).names)
        named = set(re.findall(r"`(\w+)`", row.split("|")[3]))
        assert named <= columns, (name, named - columns)


def test_every_column_is_documented_and_offsets_are_int32():
    for table, schema in TABLES.items():
        for field in schema:
            assert field.metadata and field.metadata.get(b"doc"), (table, field.name)
        if "start" in schema.names:
            assert str(schema.field("start").type) == "int32" and "end" in schema.names
        if table not in ("errors", "runs", *DERIVED) or table == "person_mentions":
            assert "doc_id" in schema.names and "run_id" in schema.names
        assert "run_id" in schema.names or table == "runs"


def test_derived_tables_are_declared_but_not_written_by_runs():
    assert set(DERIVED) <= set(TABLES) and not set(DERIVED) & set(RUN_TABLES)
    assert list(RUN_TABLES) == [t for t in TABLES if t not in DERIVED]
