"""The lexicon files the components read, by name (`divisions.tsv`, `units.tsv` …).

By default a file is read from `pipeline/resources/` (`pipeline.paths.RESOURCES`), so an
analyst's edit there takes effect in the next run. A component loaded from a saved pipeline
(`spacy.load(DIR)`) installs the copies saved with it in `DIR/<component>/`; from then on every
reader in the process reads those copies, and the derived indexes (the `lru_cache`s of the
modules in DERIVED_MODULES) are rebuilt when an installed file differs from what they were
built from. One set of lexicons per process: two pipelines with different lexicons cannot
run side by side in one process.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from pipeline.paths import RESOURCES

# Modules whose lru_caches are built from these files (cleared when a file changes).
DERIVED_MODULES = (
    "pipeline.nlp.common_words", "pipeline.nlp.entities.lexicons",
    "pipeline.nlp.entities.rules", "pipeline.nlp.entities.name_lists",
    "pipeline.nlp.statistics.units", "pipeline.nlp.slogans.numbered",
)
_installed: dict[str, str] = {}
_installed_paths: dict[str, Path] = {}  # large binary files (villages.tsv.gz), read in place


def text(name: str) -> str:
    """The content of resource file `name` (installed copy, else pipeline/resources/)."""
    if name in _installed:
        return _installed[name]
    return (RESOURCES / name).read_text(encoding="utf-8")


def exists(name: str) -> bool:
    """Whether resource file `name` is installed or present in pipeline/resources/."""
    return name in _installed or (RESOURCES / name).exists()


def snapshot(names: Iterable[str]) -> dict[str, str]:
    """name → content of each existing file of `names`, as the readers see it now."""
    return {name: text(name) for name in names if exists(name)}


def path(name: str) -> Path:
    """Where binary resource file `name` is read: a loaded pipeline's copy, else
    pipeline/resources/."""
    return _installed_paths.get(name, RESOURCES / name)


def install_paths(files: Mapping[str, Path]) -> None:
    """Read binary resource files from `files` (name → path) from now on."""
    changed = {name: file for name, file in files.items() if path(name) != file}
    if changed:
        _installed_paths.update(changed)
        _clear_derived()


def copy(names: Iterable[str], directory: Path) -> list[str]:
    """Copy the binary resource files of `names` that exist into `directory`; their names."""
    directory.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in names:
        if path(name).exists():
            shutil.copyfile(path(name), directory / name)
            copied.append(name)
    return copied


def install(files: Mapping[str, str]) -> None:
    """Make `files` (name → content) what every reader sees; rebuild derived indexes if any
    content changed."""
    changed = {name: content for name, content in files.items()
               if not exists(name) or text(name) != content}
    if not changed:
        return
    _installed.update(changed)
    _clear_derived()


def reset() -> None:
    """Back to pipeline/resources/ for every file (drop the installed copies and the
    indexes derived from them)."""
    _installed.clear()
    _installed_paths.clear()
    _clear_derived()


def _clear_derived() -> None:
    for module_name in DERIVED_MODULES:
        module = sys.modules.get(module_name)
        for value in vars(module).values() if module else ():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def write(files: Mapping[str, str], directory: Path) -> None:
    """Write `files` into `directory` (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (directory / name).write_text(content, encoding="utf-8")


def read(directory: Path, names: Iterable[str]) -> dict[str, str]:
    """name → content of the files of `names` present in `directory`."""
    return {name: (directory / name).read_text(encoding="utf-8")
            for name in names if (directory / name).exists()}
