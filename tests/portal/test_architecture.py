"""The rooms of the code: `portal` is the shared layer and imports no feature app, and the six
apps depend on one another without a cycle, in their imports and in their migrations.

The import graph is read from the source with `ast` (every module of an app outside its
migrations and tests, lazy imports inside functions included), so a test fails as soon as an
edge is written, whether or not the code runs."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

BASE_DIR = Path(settings.BASE_DIR).resolve()
SHARED = "portal"
FEATURE_APPS = ("home", "community", "calls", "stories", "search", "newsletter")
APPS = (SHARED, *FEATURE_APPS)
# The project's URLconf wires every app's views to addresses; it lives in portal/ but is the
# place where the apps meet, so it may import them (and counts as no app's dependency).
COMPOSITION_ROOT = {f"{SHARED}/urls.py"}
# Functions that import a module named by a string: importlib.import_module("calls.demo"),
# import_string("calls.demo.seed").
IMPORTING_CALLS = {"import_module", "import_string"}


def app_modules(app):
    """The app's .py files outside its migrations and tests, as paths relative to BASE_DIR."""
    root = BASE_DIR / app
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(BASE_DIR)
        parts = relative.parts
        if "migrations" in parts or "tests" in parts or path.name.startswith("test"):
            continue
        yield relative


def module_name(relative):
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(relative):
    """Every module the file imports: import statements anywhere in it (relative ones
    resolved) and string arguments of import_module()/import_string()."""
    tree = ast.parse((BASE_DIR / relative).read_text(encoding="utf-8"), str(relative))
    package = module_name(relative)
    if relative.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            yield node.lineno, target
            for alias in node.names:  # `from community import models` imports community.models
                yield node.lineno, f"{target}.{alias.name}"
        elif isinstance(node, ast.Call) and node.args:
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            first = node.args[0]
            if (
                name in IMPORTING_CALLS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield node.lineno, first.value


def app_of(module):
    top = module.split(".")[0]
    return top if top in APPS else None


def import_edges():
    """{(importing app, imported app): ["file:line imports module", ...]} between the apps."""
    edges = {}
    for app in APPS:
        for relative in app_modules(app):
            if relative.as_posix() in COMPOSITION_ROOT:
                continue
            for line, module in imported_modules(relative):
                target = app_of(module)
                if target and target != app:
                    found = edges.setdefault((app, target), {})
                    found.setdefault(f"{relative.as_posix()}:{line}", f"imports {module}")
    return {
        pair: [f"{where} {what}" for where, what in found.items()] for pair, found in edges.items()
    }


def migration_edges():
    """{(app, app it depends on): ["app.migration -> app.migration", ...]} from Django's
    migration graph, between the six apps."""
    label_to_app = {}
    for app in APPS:
        config = next(c for c in apps.get_app_configs() if c.name == app)
        label_to_app[config.label] = app
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    edges = {}
    for key, node in graph.node_map.items():
        source = label_to_app.get(key[0])
        if source is None:
            continue
        for parent in node.parents:
            target = label_to_app.get(parent.key[0])
            if target and target != source:
                edges.setdefault((source, target), []).append(
                    f"{key[0]}.{key[1]} -> {parent.key[0]}.{parent.key[1]}"
                )
    return edges


def cycles(edges):
    """Every elementary cycle of the app graph, each once, as [a, b, ..., a]."""
    graph = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    found = []

    def walk(start, node, path):
        for following in sorted(graph.get(node, ())):
            if following == start:
                found.append([*path, start])
            elif following not in path and following > start:
                walk(start, following, [*path, following])

    for start in sorted(graph):
        walk(start, start, [start])
    return found


def describe(cycle_list, edges):
    lines = []
    for cycle in cycle_list:
        lines.append(" -> ".join(cycle))
        for source, target in zip(cycle, cycle[1:], strict=False):
            lines.extend(f"    {where}" for where in edges[(source, target)][:5])
    return "\n".join(lines)


def test_the_reader_sees_every_app_and_its_modules():
    """The walk below covers real code: each app has modules, and imports are found in them."""
    for app in APPS:
        assert list(app_modules(app)), app
    found = dict(imported_modules(Path("portal/urls.py")))
    assert any(module.startswith("search") for module in found.values())


def test_relative_imports_and_import_strings_are_resolved(tmp_path, monkeypatch):
    package = tmp_path / "stories"
    package.mkdir()
    (package / "feeds.py").write_text(
        "from . import models\n"
        "from .blocks import StoryBlock\n"
        "from ..community import cards\n"
        "import_string('calls.demo.seed')\n"
        "def later():\n"
        "    from home.models import HomePage\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["BASE_DIR"]), "BASE_DIR", tmp_path)
    modules = {module for _line, module in imported_modules(Path("stories/feeds.py"))}
    assert {"stories.models", "stories.blocks", "calls.demo.seed", "home.models"} <= modules
    assert {app_of(module) for module in modules} >= {"stories", "calls", "home"}


def test_cycles_are_found_and_described():
    edges = {("a", "b"): ["a.py:1 imports b"], ("b", "a"): ["b.py:3 imports a"], ("b", "c"): []}
    assert cycles(edges) == [["a", "b", "a"]]
    assert "a -> b -> a" in describe(cycles(edges), edges)
    assert cycles({("a", "b"): [], ("b", "c"): []}) == []


def test_portal_imports_no_feature_app():
    edges = import_edges()
    offending = {target: found for (source, target), found in edges.items() if source == SHARED}
    assert not offending, "portal (the shared layer) imports feature apps:\n" + "\n".join(
        where for found in offending.values() for where in found
    )


def test_no_import_cycle_between_the_apps():
    edges = import_edges()
    found = cycles(edges)
    assert not found, "import cycles between apps:\n" + describe(found, edges)


def test_no_migration_cycle_between_the_apps(db):
    """Django's migration loader imports the migrations (one of wagtail-localize's reads the
    database as it is imported): the test database is there for it."""
    edges = migration_edges()
    found = cycles(edges)
    assert not found, "migration dependency cycles between apps:\n" + describe(found, edges)
