"""The package's layout: no import cycle between its modules, and modules of a readable size.

An import inside a function counts (a cycle broken by a late import is still a cycle); an
import only for the type checker (under ``if TYPE_CHECKING:``) does not.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "mcconform"


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports (at any depth, but not under TYPE_CHECKING)."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                for a in child.names:
                    if a.name in modules:
                        out.add(a.name)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    if child.level > 1:
                        base = base[: -(child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                for a in child.names:
                    sub = f"{target}.{a.name}"
                    if sub in modules:
                        out.add(sub)
                    elif target in modules:
                        out.add(target)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    out.discard(me)
    return out


def graph() -> dict[str, set[str]]:
    files = sorted(PKG.rglob("*.py"))
    modules = {module_name(p) for p in files}
    g = {module_name(p): imports_of(p, modules) for p in files}
    return g


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(g):
        if root in index:
            continue
        work = [(root, iter(sorted(g[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in g:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(g[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_the_detector_sees_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle() -> None:
    found = cycles(graph())
    assert not found, "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


# --------------------------------------------------------------------------- layers


def reach(g: dict[str, set[str]], start: str) -> set[str]:
    """Every module importing ``start`` loads: its imports, transitively, and the packages
    (``__init__``) above each of them, which Python runs first."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        m = todo.pop()
        parts = m.split(".")
        nxt = set(g.get(m, ())) | {".".join(parts[:i]) for i in range(2, len(parts))}
        for n in nxt - seen:
            seen.add(n)
            todo.append(n)
    return seen


def test_reach_follows_imports_and_parent_packages() -> None:
    g = {"p.a.x": {"p.b"}, "p.b": {"p.c"}, "p.c": set(), "p.a": {"p.d"}, "p.d": set()}
    assert reach(g, "p.a.x") == {"p.a", "p.b", "p.c", "p.d"}


RUNNING = {"mcconform.audit.run", "mcconform.audit.worker", "mcconform.parallel",
           "mcconform.api"}


def test_renderers_import_the_audit_model_never_its_running() -> None:
    g = graph()
    renderers = [m for m in g if m == "mcconform.renderers" or m.startswith("mcconform.renderers.")]
    assert "mcconform.renderers.markdown" in renderers and "mcconform.renderers.audit_html" in renderers
    for m in renderers:
        assert not reach(g, m) & RUNNING, m
    assert "mcconform.audit.model" in reach(g, "mcconform.renderers.markdown")  # the model, below


def test_the_audit_model_imports_no_renderer_worker_or_runner() -> None:
    g = graph()
    model = ["mcconform.audit", *(m for m in g if m.startswith("mcconform.audit.") and
                                  m not in ("mcconform.audit.run", "mcconform.audit.worker"))]
    for m in model:
        loaded = reach(g, m)
        assert not loaded & RUNNING, m
        assert not any(x.startswith("mcconform.renderers") for x in loaded), m


def test_the_worker_pool_knows_nothing_of_its_work() -> None:
    assert graph()["mcconform.parallel"] == set()


def test_the_catalogs_are_leaves() -> None:
    """The rule catalog, the check registry and the issuer registry: nothing they load
    imports them back, and the issuer registry loads nothing of the audit."""
    g = graph()
    assert g["mcconform.rules"] <= {"mcconform.report"}
    for m in ("mcconform.rules", "mcconform.checks", "mcconform.registry"):
        assert m not in reach(g, m), m
    assert not any(x.startswith("mcconform.audit") for x in reach(g, "mcconform.registry"))


def test_split_modules_are_readable() -> None:
    """The audit and the sources packages (and the pool, the registry): each module has a
    docstring saying what it holds and at most 400 lines."""
    names = ["audit", "sources", "parallel.py", "registry.py"]
    files = [p for n in names for p in ([PKG / n] if n.endswith(".py") else sorted((PKG / n).rglob("*.py")))]
    assert len(files) > 20
    for p in files:
        text = p.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 400, p
        assert ast.get_docstring(ast.parse(text)), p
