"""What a test does when a system dependency (PostgreSQL, Chromium, Java, an
optional Python package of the test extra) is missing: skip on a developer's
machine, fail in CI. CI (``CI`` set, as .ci/run and every CI service do) must
not pass by skipping the tests it exists to run."""
from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(reason: str) -> None:
    """Skip the test, or fail it in CI; ``reason`` says what is missing and how to install it."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: a missing dependency fails; scripts/setup-test installs it)",
                    pytrace=False)
    pytest.skip(reason, allow_module_level=True)  # also from a module's top level, as importorskip


def require_module(name: str, reason: str | None = None) -> ModuleType:
    """``pytest.importorskip`` that fails in CI instead of skipping."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(reason or f"{name} is not installed (pip install -e '.[test]')")
        raise  # not reached: missing() always raises
