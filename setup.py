"""The trained models (models/ at the top of the checkout) ship inside the package as
`pipeline/models/`, so a plain `pip install .` finds them (pipeline.paths.MODELS).
Everything else about the package is declared in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pipeline*"]), "pipeline.models"],
    package_dir={"pipeline.models": "models"},
)
