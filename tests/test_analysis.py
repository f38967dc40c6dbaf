"""`pipeline.load` and `pipeline.connect` over real output directories."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import pipeline
from pipeline.analysis import CATEGORY_COLUMNS, data_dictionary, read_arrow, vocabulary
from pipeline.tables.schemas import TABLES


def _check_dtype(field: pa.Field, column: pd.Series) -> None:
    kind, dtype = field.type, column.dtype
    where = f"{field.name}: {dtype}"
    if pa.types.is_string(kind) and field.name in CATEGORY_COLUMNS:
        assert isinstance(dtype, pd.CategoricalDtype), where
        assert set(vocabulary(field)) <= set(dtype.categories), where
        assert set(column.dropna()) <= set(dtype.categories), where
    elif pa.types.is_string(kind):
        assert pd.api.types.is_string_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype)
    elif pa.types.is_date(kind):
        assert dtype == np.dtype("datetime64[ms]"), where
    elif pa.types.is_timestamp(kind):
        assert isinstance(dtype, pd.DatetimeTZDtype) and str(dtype.tz) == kind.tz, where
    elif pa.types.is_integer(kind) and field.nullable:
        assert isinstance(dtype, pd.core.arrays.integer.IntegerDtype), where
        assert dtype.itemsize * 8 == kind.bit_width, where
    elif pa.types.is_integer(kind):
        assert dtype == np.dtype(f"int{kind.bit_width}"), where
    elif pa.types.is_floating(kind):
        assert dtype == np.dtype(f"float{kind.bit_width}"), where
    elif pa.types.is_list(kind):
        assert dtype == np.dtype("O") and all(isinstance(v, list) for v in column.dropna()), where
    elif pa.types.is_map(kind):
        assert dtype == np.dtype("O") and all(isinstance(v, dict) for v in column.dropna()), where
    else:
        raise AssertionError(f"no dtype rule for {field}")


def test_load_dtypes_follow_declared_schemas(layered_out):
    tables = pipeline.load(layered_out)
    assert list(tables) == list(TABLES)
    for name, schema in TABLES.items():
        frame = tables[name]
        assert list(frame.columns) == schema.names, name
        for field in schema:
            _check_dtype(field, frame[field.name])
    assert len(tables.entities) and len(tables.slogans) and len(tables.statistics)
    assert tables.entities.label.cat.categories[:3].tolist() == ["PER", "LOC", "ORG"]


def test_load_round_trips_values(layered_out):
    tables = pipeline.load(layered_out)
    for name, schema in TABLES.items():
        back = pa.Table.from_pandas(tables[name], schema=schema, preserve_index=False)
        assert back.equals(read_arrow(layered_out, name)), name


def test_dates_and_categories_are_usable(layered_out):
    tables = pipeline.load(layered_out, ["documents", "statistics", "runs"])
    assert set(tables) == {"documents", "statistics", "runs"}
    months = tables.documents.published_date.dt.to_period("M").astype(str).tolist()
    assert months == ["2026-03"]
    assert tables.documents.published_date.dt.date.iloc[0].isoformat() == "2026-03-12"
    counts = tables.statistics.role.value_counts()
    assert counts["level"] >= 1 and "target" in counts.index  # declared, maybe zero
    assert isinstance(tables.runs.model_versions.iloc[0], dict)


def test_arrow_strings_option(layered_out):
    frame = pipeline.load(layered_out, ["articles"], arrow_strings=True).articles
    assert frame.headline.dtype == pd.StringDtype("pyarrow")


def test_load_rejects_unknown_tables_and_non_outputs(layered_out, tmp_path):
    with pytest.raises(KeyError, match="unknown table"):
        pipeline.load(layered_out, ["entity"])
    with pytest.raises(FileNotFoundError, match="not a Baokan output"):
        pipeline.load(tmp_path)


def test_connect_joins_tables_at_once(layered_out):
    con = pipeline.connect(layered_out)
    rows = con.sql(
        "SELECT e.text, e.label, a.headline, d.published_date FROM entities e "
        "JOIN articles a USING (article_id) JOIN documents d ON d.doc_id = a.doc_id "
        "ORDER BY e.start").fetchall()
    assert len(rows) == len(pipeline.load(layered_out, ["entities"]).entities) > 0
    assert all(headline == "青田县召开侨乡发展大会" for _, _, headline, _ in rows)
    assert str(rows[0][3]) == "2026-03-12"
    frame = con.sql("SELECT role, sum(value) AS total FROM statistics GROUP BY role").df()
    assert frame.set_index("role").loc["level", "total"] == pytest.approx(3.865e10)
    assert {name for (name,) in con.sql("SHOW TABLES").fetchall()} >= set(TABLES)


def test_connect_table_without_files_is_an_empty_view(layered_out, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(layered_out, copy)
    shutil.rmtree(copy / "quotations")
    con = pipeline.connect(copy)
    assert con.sql("SELECT count(*) FROM quotations").fetchall() == [(0,)]
    columns = [row[0] for row in con.sql("DESCRIBE quotations").fetchall()]
    assert columns == TABLES["quotations"].names
    assert len(pipeline.load(copy, ["quotations"]).quotations) == 0


def test_data_dictionary_lists_every_column():
    dictionary = data_dictionary()
    assert len(dictionary) == sum(len(schema) for schema in TABLES.values())
    assert dictionary.description.str.len().min() > 0
