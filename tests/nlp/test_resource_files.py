"""pipeline.nlp.resource_files: lexicon files read by name, replaced by installed copies."""

from __future__ import annotations

import pytest

from pipeline.nlp import resource_files
from pipeline.nlp.statistics import units


@pytest.fixture(autouse=True)
def defaults():
    yield
    resource_files.reset()


def test_installed_copy_replaces_the_shipped_file_and_its_derived_index():
    shipped = resource_files.text("units.tsv")
    assert "手" not in units.units()
    resource_files.install({"units.tsv": shipped + "手\t手\t1\tcount\n"})
    assert units.units()["手"].kind == "count"
    resource_files.reset()
    assert resource_files.text("units.tsv") == shipped and "手" not in units.units()


def test_write_read_and_snapshot_round_trip(tmp_path):
    files = resource_files.snapshot(["units.tsv", "regions.txt", "no_such_file.txt"])
    assert set(files) == {"units.tsv", "regions.txt"}
    resource_files.write(files, tmp_path / "copy")
    assert resource_files.read(tmp_path / "copy", [*files, "no_such_file.txt"]) == files
