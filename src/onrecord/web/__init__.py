"""The web app (`onrecord serve`): search, articles, people, network and watches
over a stored corpus, plus a JSON API under /api. docs/web.md describes it."""
from __future__ import annotations


def create_app(*args, **kwargs):
    from .app import create_app as make  # imported late: FastAPI loads only when serving

    return make(*args, **kwargs)


__all__ = ["create_app"]
