"""spaCy component ``onrecord_actors``: code each entity to a state, an
organisation and a sector (``Entity.actor``)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .code import code_actor


class ActorCoder:
    def __call__(self, doc: Doc) -> Doc:
        for entity in doc._.entities or []:
            entity.actor = code_actor(
                entity.name, entity_type=entity.type, title=entity.title, affiliation=entity.affiliation
            )
        return doc


@Language.factory("onrecord_actors", requires=["doc._.entities"], assigns=["doc._.entities"])
def make_actors(nlp: Language, name: str) -> ActorCoder:
    return ActorCoder()
