"""spaCy component ``onrecord_events``: PLOVER events → ``doc._.events``.

Reads the entities and attributions of the components before it and the dates of
``onrecord_dates`` (each event takes the date in its clause). Unnamed actors that
take part in an event ("police in Kabul") are added to ``doc._.entities``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..dates import components as _date_components  # noqa: F401  (registers onrecord_dates, whose dates this reads)
from ..errors import ModelNotFoundError
from .assemble import index_article, merge_duplicates, to_event
from .triggers import find_triggers

for _name in ("events", "onrecord_date_spans"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EventFinder:
    """Finds dated, factuality-judged PLOVER events between the article's entities."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # once: spaCy rebuilds it on every access
        found_dates = doc._.onrecord_date_spans
        if found_dates is None:
            raise ModelNotFoundError(
                "onrecord_events needs the dates of onrecord_dates: add it first, "
                "nlp.add_pipe('onrecord_dates', before='onrecord_events')"
            )
        entities = list(doc._.entities or [])
        index = index_article(doc, text, entities, list(doc._.attributions or []), found_dates)
        events = []
        for sent in doc.sents:
            for trigger in find_triggers(sent):
                event = to_event(doc, index, sent, trigger)
                if event is not None:
                    events.append(event)
        doc._.events = merge_duplicates(events)
        # Unnamed actors that took part in an event join the article's entities.
        doc._.entities = entities + [e for e in index.nominal.values() if _used(e.id, doc._.events)]
        return doc


def _used(entity_id: str, events) -> bool:
    return any(entity_id in e.source or entity_id in e.target for e in events)


@Language.factory(
    "onrecord_events",
    requires=["doc.sents", "token.dep", "token.lemma", "doc._.entities", "doc._.attributions",
              "doc._.onrecord_date_spans"],
    assigns=["doc._.events", "doc._.entities"],
)
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()
