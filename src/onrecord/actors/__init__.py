"""Actor coding: named entities and noun phrases -> state (ISO3), organisation, PLOVER sector.

``code_actor`` and ``code_text`` are dictionary lookups over src/onrecord/lexicons/actors
(see its README.md for sources and licences)."""
from __future__ import annotations

from .code import code_actor, code_text, town_form

__all__ = ["code_actor", "code_text", "town_form"]
