"""Prepare a loaded spaCy model for fast CPU inference, without changing its output.

Two measured costs of the trained NER pipelines (`benchmarks/components.py`, 300 articles):

- **Matrix products.** thinc's `NumpyOps` multiplies with the BLIS build bundled in the
  `blis` wheel; on this project's machines its float32 GEMM reached 29–33 GFLOP/s on one
  core where numpy's OpenBLAS reached 89 on the same (20,000 × 320) · (320 × 128) product.
  `NumpyOps(use_blis=False)` is thinc's own switch to numpy's `dot`; the tok2vec CNNs and
  the parsers' precomputed layers then run on OpenBLAS. The parsers' per-state loop keeps
  its own C BLAS calls.
- **Listener batch ids.** A `Tok2VecListener` identifies its batch by summing the ORTH of
  every token (a Python `Token` per token, about 3 µs per character in the character model).
  `Language.replace_listeners` gives the NER component its own copy of the tok2vec, so the
  separate `tok2vec` component and the listener are gone.

OpenBLAS is limited to one thread (threadpoolctl): Baokan parallelises by worker processes
(`--workers`), and one thread per process keeps "chars/s on one core" what it says.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from thinc.api import NumpyOps

TOK2VEC = "tok2vec"


@lru_cache(maxsize=1)
def numpy_ops() -> NumpyOps:
    """thinc's CPU ops with matrix products through numpy (OpenBLAS), not BLIS."""
    return NumpyOps(use_blis=False)


@lru_cache(maxsize=1)
def single_threaded_blas() -> None:
    """Limit numpy's BLAS to one thread in this process (once)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def inline_tok2vec(model: Language) -> None:
    """Replace the listeners of the shared `tok2vec` component with copies of it, then drop
    the component (spaCy's `replace_listeners`); a no-op for a pipeline without one."""
    if TOK2VEC not in model.pipe_names:
        return
    tok2vec = model.get_pipe(TOK2VEC)
    for listener_name in list(getattr(tok2vec, "listening_components", [])):
        model.replace_listeners(TOK2VEC, listener_name, ["model.tok2vec"])
    model.remove_pipe(TOK2VEC)


def use_numpy_ops(model: Language) -> None:
    """Set every thinc layer of every component to `numpy_ops()`."""
    ops = numpy_ops()
    for _, component in model.pipeline:
        network = getattr(component, "model", None)
        if network is not None and hasattr(network, "walk"):
            for node in network.walk():
                node.ops = ops


def prepare(model: Language) -> Language:
    """`model` ready for inference: own tok2vec per component, OpenBLAS products, one BLAS
    thread. Predictions are unchanged (tested on the shipped NER models)."""
    single_threaded_blas()
    inline_tok2vec(model)
    use_numpy_ops(model)
    return model


def load(path) -> Language:
    """`spacy.load(path)`, prepared for inference."""
    import spacy

    return prepare(spacy.load(path))
