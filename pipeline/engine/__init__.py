"""Execution engines: the pure batch work unit and the local / Dask ways to run it."""


class EngineError(RuntimeError):
    """The engine cannot run batches (an unreachable scheduler, no workers left)."""
