"""The import graph of pipeline/: no cycle, and runtime code never reaches train/ or evaluate/.

Every `import` and `from … import` of a pipeline module counts, at the top of a file or inside
a function (a lazy import is still a dependency). Importing a package's submodule counts as an
edge to that submodule only, not to the package's `__init__`.
"""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.paths import PACKAGE

# Modules that may import train/ and evaluate/: those packages themselves and the CLI that
# dispatches `baokan train` / `baokan evaluate`.
NOT_RUNTIME = ("pipeline.train", "pipeline.evaluate", "pipeline.cli")


def module_name(path: Path, root: Path = PACKAGE) -> str:
    """Dotted module name of a file under the `pipeline` package."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the pipeline modules it imports."""
    files = {module_name(path, root): path for path in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names if alias.name in files}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in files:
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    targets.add(submodule if submodule in files else node.module)
        graph[name] = targets - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_find_cycle_reports_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_sees_lazy_and_from_imports():
    graph = import_graph()
    assert "pipeline.nlp.language" in graph["pipeline.engine.batch"]
    assert "pipeline.runner" in graph["pipeline"]  # imported inside pipeline.run()
    assert "pipeline.nlp.entities.rules" in graph["pipeline.nlp.entities.component"]


def test_pipeline_has_no_import_cycle():
    assert find_cycle(import_graph()) is None


def test_runtime_code_never_imports_train_or_evaluate():
    wrong = sorted(f"{name} → {target}" for name, targets in import_graph().items()
                   if not name.startswith(NOT_RUNTIME)
                   for target in targets if target.startswith(NOT_RUNTIME[:2]))
    assert wrong == []


def test_runtime_code_reads_no_shared_directory():
    """Only train/ and evaluate/ read ../shared (through pipeline.paths.CORPORA and SEED)."""
    names = ("CORPORA", "SEED", "SHARED")
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        if name.startswith(NOT_RUNTIME) or name == "pipeline.paths":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrong += [f"{name}: {alias.name}" for node in ast.walk(tree)
                  if isinstance(node, ast.ImportFrom) and node.module == "pipeline.paths"
                  for alias in node.names if alias.name in names]
        wrong += [f"{name}: '{node.value}'" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and ("../shared" in node.value or node.value == "shared")
                  and not _is_docstring(tree, node)]
    assert wrong == []


def _is_docstring(tree: ast.Module, constant: ast.Constant) -> bool:
    return any(isinstance(node, ast.Expr) and node.value is constant for node in ast.walk(tree))
