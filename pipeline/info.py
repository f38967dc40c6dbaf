"""`baokan info`: what this installation runs with — versions, models (path and fingerprint),
fonts for plots and the corpora the evaluations read (in the spirit of `spacy info`)."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from rich.console import Console

from pipeline.report import stdout_console

PACKAGES = ("spacy", "spacy-pkuseg", "thinc", "numpy", "pandas", "pyarrow", "duckdb",
            "selectolax", "charset-normalizer", "jieba", "typer", "rich", "matplotlib", "dask")


@dataclass
class Info:
    """Everything `baokan info` prints."""

    versions: dict[str, str]
    models: list[tuple[str, Path, str]]  # name, directory, fingerprint or what is wrong
    fonts: dict[str, list[str]]
    corpora: Path
    corpus_files: dict[str, bool] = field(default_factory=dict)  # relative path → present


def collect(corpora: Path, corpus_files: tuple[str, ...] = ()) -> Info:
    """Read versions, model fingerprints, fonts and which of `corpus_files` (paths relative
    to `corpora`: the evaluations' test files) exist, without loading any model."""
    from pipeline.plots import cjk_fonts

    return Info(versions=_versions(), models=_models(), fonts=cjk_fonts(), corpora=corpora,
                corpus_files={rel: (corpora / rel).is_file() for rel in corpus_files})


def _versions() -> dict[str, str]:
    import pipeline

    versions = {"baokan": pipeline.__version__,
                "python": f"{platform.python_version()} ({sys.executable})"}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _models() -> list[tuple[str, Path, str]]:
    """Each shipped model directory with the fingerprint the `runs` table records
    (sha256 over its files' paths and contents, first 12 hex digits)."""
    from pipeline.nlp.language import MODELS_DIR
    from pipeline.version import tree_digest

    found = []
    for name in ("segmenter", "ner", "ner_words", "slogans"):
        folder = MODELS_DIR / name
        try:
            state = f"sha256 {tree_digest(folder)}" if folder.is_dir() else "MISSING"
        except OSError as exc:
            state = f"UNREADABLE ({exc.strerror or exc})"
        found.append((name, folder, state))
    return found


def render(info: Info, console: Console | None = None) -> None:
    """Print the report, one `name value` line per item, grouped."""
    console = console or stdout_console()
    console.print("[bold]versions[/]")
    for name, version in info.versions.items():
        console.print(f"  {name} {version}", markup=False)
    console.print("[bold]models[/]")
    for name, folder, state in info.models:
        console.print(f"  {name} {folder} {state}", markup=False)
    console.print("[bold]fonts[/] (plots: pipeline.plots.use_cjk_font())")
    shipped = ", ".join(info.fonts["shipped"]) or "MISSING"
    console.print(f"  shipped {shipped}", markup=False)
    console.print(f"  system CJK fonts {', '.join(info.fonts['system']) or 'none'}", markup=False)
    present = sum(info.corpus_files.values())
    state = "found" if info.corpora.is_dir() else "not found"
    console.print(f"[bold]corpora[/] {info.corpora.resolve()} ({state}; "
                  f"{present}/{len(info.corpus_files)} evaluation files; --corpora DIR)")
    for relative, exists in info.corpus_files.items():
        console.print(f"  {'ok' if exists else 'missing'} {relative}", markup=False)
