"""spaCy components ``onrecord_actors``: code each entity to a state, an organisation
and a sector (``Entity.actor``); ``onrecord_actor_context``: after the events, give an
agent coded to a sector only ("police", "the government") the state the article is about."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .code import code_actor
from .context import fill_context


class ActorCoder:
    def __call__(self, doc: Doc) -> Doc:
        date = doc._.article_date if doc.has_extension("article_date") else None
        for entity in doc._.entities or []:
            entity.actor = code_actor(
                entity.name, entity_type=entity.type, title=entity.title, affiliation=entity.affiliation, date=date
            )
        return doc


class ActorContext:
    def __call__(self, doc: Doc) -> Doc:
        fill_context(doc._.entities or [])
        return doc


@Language.factory("onrecord_actors", requires=["doc._.entities"], assigns=["doc._.entities"])
def make_actors(nlp: Language, name: str) -> ActorCoder:
    return ActorCoder()


@Language.factory("onrecord_actor_context", requires=["doc._.entities"], assigns=["doc._.entities"])
def make_actor_context(nlp: Language, name: str) -> ActorContext:
    return ActorContext()
