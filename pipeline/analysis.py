"""Analyst access to an output directory: pandas DataFrames (`load`) and DuckDB views (`connect`).

Each table lives in `<out>/<table>/**/*.parquet`. Column dtypes are derived from the declared
schemas in `pipeline.tables.schemas`:

- dates (`documents.published_date`) → `datetime64[ms]` at midnight, so `.dt.to_period("M")`,
  resampling and comparisons with `pd.Timestamp("2025-11-05")` work; `.dt.date` gives `date`s;
- timestamps (`processed_at`, `started_at` …) → `datetime64[us, UTC]`;
- label-like strings (label, kind, role, type, qualifier, unit, source, stage, status, …) →
  `category`, whose categories are the declared vocabulary (e.g. PER | LOC | ORG) plus any
  other value present, so `value_counts()` lists zeros too and nothing is ever lost;
- other strings → pandas' string dtype (`str`; pyarrow-backed with `arrow_strings=True`);
- integers → numpy ints when the column is required, nullable `Int32` when it is optional;
- floats → float32/float64 as declared; lists → Python lists; maps → dicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from pipeline.tables.schemas import TABLES

if TYPE_CHECKING:  # pandas is imported on first use: `import pipeline` stays light
    import pandas as pd

CATEGORY_COLUMNS = frozenset(
    {"label", "kind", "role", "type", "qualifier", "unit", "source", "stage", "status",
     "error_type", "currency", "surface_unit"}
)
_VOCAB = re.compile(r"^[A-Za-z_%]+(?: \| [A-Za-z_%]+)+$")


class Tables(dict):
    """Table name → DataFrame, with attribute access (`tables.entities`)."""

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *self.keys()]

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(frame)}" for name, frame in self.items())
        return f"Tables({sizes})"


def table_files(out: Path | str, table: str) -> list[Path]:
    """The Parquet part files of `table` under `out` (any depth), sorted."""
    folder = Path(out) / table
    return sorted(folder.rglob("*.parquet")) if folder.is_dir() else []


def is_output(out: Path | str) -> bool:
    """Whether `out` looks like a Baokan output directory (has documents or runs parts)."""
    return any(table_files(out, table) for table in ("documents", "runs"))


def read_arrow(out: Path | str, table: str, columns: list[str] | None = None) -> pa.Table:
    """One table as an Arrow table with its declared schema (empty when it has no files)."""
    import pyarrow.dataset as ds

    schema = TABLES[table]
    files = table_files(out, table)
    if not files:
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    dataset = ds.dataset([str(path) for path in files], schema=schema, format="parquet")
    return dataset.to_table(columns=columns)


def vocabulary(field: pa.Field) -> list[str]:
    """Declared values of a label-like column, parsed from its doc ("PER | LOC | ORG")."""
    doc = (field.metadata or {}).get(b"doc", b"").decode("utf-8")
    doc = re.sub(r"\s*\(.*\)\s*$", "", doc).strip()
    return doc.split(" | ") if _VOCAB.match(doc) else []


def pandas_dtype(field: pa.Field, arrow_strings: bool = False):
    """The pandas dtype `load` gives a declared column (categories are filled in by `load`)."""
    import pandas as pd

    kind = field.type
    if pa.types.is_string(kind) and field.name in CATEGORY_COLUMNS:
        return pd.CategoricalDtype()
    if pa.types.is_string(kind):
        return _string_dtype(arrow_strings)
    if pa.types.is_date(kind):
        return pd.api.types.pandas_dtype("datetime64[ms]")
    if pa.types.is_timestamp(kind):
        return pd.DatetimeTZDtype(kind.unit, kind.tz) if kind.tz else f"datetime64[{kind.unit}]"
    if pa.types.is_integer(kind):
        if field.nullable:
            prefix = "Int" if pa.types.is_signed_integer(kind) else "UInt"
            return pd.api.types.pandas_dtype(f"{prefix}{kind.bit_width}")
        return pd.api.types.pandas_dtype(kind.to_pandas_dtype())
    if pa.types.is_floating(kind) or pa.types.is_boolean(kind):
        return pd.api.types.pandas_dtype(kind.to_pandas_dtype())
    return pd.api.types.pandas_dtype(object)


def _string_dtype(arrow_strings: bool):
    import pandas as pd

    if arrow_strings:
        return pd.StringDtype("pyarrow")
    try:
        return pd.StringDtype(na_value=float("nan"))  # pandas >= 2.3: the default "str" dtype
    except TypeError:
        return pd.StringDtype()


def to_frame(data: pa.Table, table: str, arrow_strings: bool = False) -> pd.DataFrame:
    """Convert an Arrow table of `table` to a DataFrame with the documented dtypes."""
    schema = TABLES[table]
    frame = data.to_pandas(date_as_object=False, ignore_metadata=True)
    for name in data.column_names:
        field = schema.field(name)
        frame[name] = _convert(frame[name], field, arrow_strings)
    return frame


def _convert(column: pd.Series, field: pa.Field, arrow_strings: bool) -> pd.Series:
    import pandas as pd

    dtype = pandas_dtype(field, arrow_strings)
    if isinstance(dtype, pd.CategoricalDtype):
        declared = vocabulary(field)
        present = sorted(set(column.dropna()) - set(declared))
        return column.astype(pd.CategoricalDtype([*declared, *present]))
    if pa.types.is_list(field.type):
        return column.map(lambda value: list(value) if value is not None else None).astype(object)
    if pa.types.is_map(field.type):
        return column.map(lambda value: dict(value) if value is not None else None).astype(object)
    return column.astype(dtype)


def load(
    out: Path | str = "out", tables: Iterable[str] | None = None, arrow_strings: bool = False
) -> Tables:
    """Every table (or the named ones) under `out` as DataFrames with schema-derived dtypes."""
    out = Path(out)
    if not is_output(out):
        raise FileNotFoundError(f"{out} is not a Baokan output directory (no documents/ or runs/)")
    names = list(tables) if tables is not None else list(TABLES)
    unknown = sorted(set(names) - set(TABLES))
    if unknown:
        raise KeyError(f"unknown table(s): {', '.join(unknown)}; known: {', '.join(TABLES)}")
    return Tables({name: to_frame(read_arrow(out, name), name, arrow_strings) for name in names})


def connect(out: Path | str = "out", database: str = ":memory:"):
    """A DuckDB connection with one view per table over `<out>/<table>/**/*.parquet`.

    Views re-read the files on every query, so later runs into `out` show up. A table with
    no files yet is an empty view with the declared columns.
    """
    import duckdb

    out = Path(out)
    if not is_output(out):
        raise FileNotFoundError(f"{out} is not a Baokan output directory (no documents/ or runs/)")
    con = duckdb.connect(database)
    for name, schema in TABLES.items():
        if table_files(out, name):
            pattern = _sql_string(str((out / name).resolve() / "**" / "*.parquet"))
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM "
                        f"read_parquet({pattern}, union_by_name = true)")
        else:
            con.register(f"_empty_{name}", schema.empty_table())
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM _empty_{name}")
    return con


def data_dictionary() -> pd.DataFrame:
    """Every declared column: table, column, Arrow type, nullable and description."""
    import pandas as pd

    records = [
        {"table": table, "column": field.name, "type": str(field.type),
         "nullable": field.nullable,
         "description": (field.metadata or {}).get(b"doc", b"").decode("utf-8")}
        for table, schema in TABLES.items() for field in schema
    ]
    return pd.DataFrame.from_records(records)


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
