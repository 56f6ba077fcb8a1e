"""spaCy component ``onrecord_dates``: date expressions → ``doc._.dates``.

Relative dates ("on Friday") need the publication date: set ``doc._.article_date``
(a ``datetime.date``) before this component runs; ``onrecord.extract`` does.
The token spans of the dates go to ``doc._.onrecord_date_spans``, for
``onrecord_events``, which dates each event from the date in its clause.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .find import find_dates

for _name in ("dates", "article_date", "onrecord_date_spans"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class DateFinder:
    """Finds the article's date expressions and resolves them against its date."""

    def __call__(self, doc: Doc) -> Doc:
        found = find_dates(doc, doc._.article_date)
        doc._.onrecord_date_spans = found
        doc._.dates = [mention for _, mention in found]
        return doc


@Language.factory(
    "onrecord_dates",
    requires=["token.dep", "token.tag", "token.lemma", "doc.ents"],  # and doc._.article_date, set by the caller
    assigns=["doc._.dates", "doc._.onrecord_date_spans"],
)
def make_dates(nlp: Language, name: str) -> DateFinder:
    return DateFinder()
