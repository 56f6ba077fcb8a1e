"""The state an article is about, for agents the text names without one.

"Police arrested two men", "the government said": news names the state of a domestic
agent once, if at all, and leaves it to the reader after that. When most of the
article's mentions of states are of one state, an agent coded only to a sector of a
state's own (government, police, parliament, army, parties...) takes that state
(``Actor.rule == "context"``). With no majority state nothing is filled in, so an
article about two states never gets its agents guessed.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..schema import Entity

# More than this share of the article's state mentions must be of one state.
MAJORITY = 0.5
# Sectors of a state's own institutions and politics (and the armed groups fighting in it):
# "the police", "parliament", "the opposition party" are the state's the article is about.
# Civilians, companies, media, clergy, scientists may be anyone's, so they get no state here.
STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "PTY", "ELI", "REB", "UAF"})


def main_state(entities: list[Entity]) -> str | None:
    """The state that more than half of the article's state-coded mentions are of, or None."""
    counts: Counter[str] = Counter()
    for entity in entities:
        actor = entity.actor
        if actor is not None and actor.country and actor.rule != "context":
            counts[actor.country] += max(1, len(entity.mentions))
    if not counts:
        return None
    state, n = counts.most_common(1)[0]
    return state if n > MAJORITY * sum(counts.values()) else None


def fill_context(entities: list[Entity]) -> None:
    """Give each entity coded to a sector only the article's main state, in place."""
    state = main_state(entities)
    if state is None:
        return
    for entity in entities:
        actor = entity.actor
        if actor is not None and actor.sector in STATE_SECTORS and not actor.country and not actor.org:
            entity.actor = replace(actor, country=state, rule="context")
