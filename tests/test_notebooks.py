"""The notebooks run top to bottom on fresh sample output, plot something, and are stored clean.

Each notebook runs in a real Jupyter kernel (nbclient). 01 gets an empty BAOKAN_OUT so it runs
the pipeline on data/samples itself; 02 and 03 read the session's sample output. Figures use
the inline backend (Agg rendering, no display needed) so the test can see that each notebook
drew at least one plot.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pyarrow.parquet as pq
import pytest
from nbclient import NotebookClient

from pipeline.tables.schemas import TABLES
from tests.conftest import REPO

NOTEBOOKS = REPO / "notebooks"
NAMES = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))


def _execute(path: Path, out: Path, monkeypatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("BAOKAN_OUT", str(out))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # this interpreter's kernelspec first, whatever a user-wide Jupyter install declares
    monkeypatch.setenv("JUPYTER_PATH", str(Path(sys.prefix) / "share" / "jupyter"))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError if any cell errors
    return nb


def _outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [output for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs]


def test_the_three_notebooks_exist():
    assert NAMES == ["01_quickstart.ipynb", "02_slogans_over_time.ipynb", "03_statistics.ipynb"]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_and_plots(name, sample_out, tmp_path, monkeypatch):
    out = tmp_path / "fresh_out" if name.startswith("01_") else sample_out
    nb = _execute(NOTEBOOKS / name, out, monkeypatch)
    outputs = _outputs(nb)
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images, f"{name} drew no plot"
    stderr = "".join(o.get("text", "") for o in outputs if o.get("name") == "stderr")
    assert "missing from font" not in stderr and "findfont" not in stderr, stderr
    if name.startswith("01_"):
        assert (out / "documents").is_dir()  # the notebook ran the pipeline itself
        html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
        assert any('class="baokan-text"' in page for page in html)


@pytest.fixture(scope="module")
def without_extractions(sample_out, tmp_path_factory) -> Path:
    """The sample output with every extraction table emptied (as before those stages existed)."""
    out = tmp_path_factory.mktemp("no_extractions") / "out"
    shutil.copytree(sample_out, out)
    for table in ("entities", "people_roles", "slogans", "quotations", "statistics"):
        shutil.rmtree(out / table)
        (out / table).mkdir()
        pq.write_table(TABLES[table].empty_table(), out / table / "part-empty-00000.parquet")
    return out


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_with_empty_extraction_tables(name, without_extractions, monkeypatch):
    nb = _execute(NOTEBOOKS / name, without_extractions, monkeypatch)
    outputs = _outputs(nb)
    assert any("image/png" in o.get("data", {}) for o in outputs), f"{name} drew no plot"
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "table is empty in this output" in printed  # and says so


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("name", NAMES)
def test_notebook_uses_the_shipped_font_and_hides_no_warning(name):
    source = "\n".join(cell.source for cell in nbformat.read(NOTEBOOKS / name, as_version=4).cells)
    assert "plots.use_cjk_font()" in source
    assert "filterwarnings" not in source and "font.sans-serif" not in source
