"""Execution engines: the pure batch work unit and the local / Dask ways to run it."""
