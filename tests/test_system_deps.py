"""A missing system dependency skips its tests on a developer's machine and fails them in CI."""
from __future__ import annotations

import pytest
from system_deps import in_ci, missing, require_module


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_in_ci_a_missing_dependency_fails(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    assert in_ci()
    with pytest.raises(pytest.fail.Exception, match="chromium is missing"):
        missing("/usr/bin/chromium is missing")


@pytest.mark.parametrize("value", [None, "", "false", "0"])
def test_outside_ci_a_missing_dependency_skips(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception, match="initdb"):
        missing("PostgreSQL binary 'initdb' is not on PATH")


def test_a_missing_module_fails_in_ci_and_a_present_one_is_returned(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no_such_module_xyz is not installed"):
        require_module("no_such_module_xyz")
    assert require_module("json").dumps([]) == "[]"


def test_the_conftests_use_it_instead_of_skipping():
    # the skips for chromium, PostgreSQL and pyspark/duckdb all go through missing()
    from pathlib import Path

    tests = Path(__file__).parent
    for path in ("web/conftest.py", "store/conftest.py", "spark/conftest.py", "spark/test_spark_job.py"):
        text = (tests / path).read_text(encoding="utf-8")
        assert "pytest.skip(reason)" not in text and "importorskip(\"pyspark\")" not in text, path
        assert "from system_deps import" in text, path
