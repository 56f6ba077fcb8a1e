"""The web app's shape: routes read the store only through web/data.py."""
from __future__ import annotations

import ast
from pathlib import Path

import onrecord.web

WEB = Path(onrecord.web.__file__).parent
# data.py is the one door to the store.
STORE_READERS = {"data.py"}


def _imports(path: Path) -> set[str]:
    """Module names a web module imports, resolved against onrecord.web."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = {0: "", 1: "onrecord.web.", 2: "onrecord."}[node.level] + (node.module or "")
            out.add(base.rstrip("."))
            out.update(f"{base.rstrip('.')}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_only_data_reads_the_store():
    for path in sorted(WEB.glob("*.py")):
        if path.name in STORE_READERS:
            continue
        bad = {m for m in _imports(path) if m.startswith(("onrecord.store", "sqlalchemy"))}
        assert not bad, f"{path.name} imports {sorted(bad)}: go through web/data.py"
