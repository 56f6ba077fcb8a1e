"""Helpers for tests that read records (importable by name, unlike conftest)."""
from __future__ import annotations

import onrecord
from onrecord.evaluate.demo import speech

__all__ = ["find", "speech"]


def find(record: onrecord.Record, fragment: str):
    """The speech attribution whose content contains ``fragment`` (fails loudly if none)."""
    hits = [a for a in speech(record) if fragment in a.content.text]
    assert hits, f"no attribution contains {fragment!r}; got {[a.content.text for a in speech(record)]}"
    return hits[0]
