"""onrecord: who said what, and who did what to whom, in English news.

>>> import onrecord
>>> record = onrecord.extract(text, date="2023-02-24")   # doctest: +SKIP
>>> record.events[0].factuality                          # doctest: +SKIP
>>> record.to_dict()                                     # doctest: +SKIP
"""
from .errors import InputError, ModelNotFoundError, NotFoundError, OnrecordError, SearchSyntaxError
from .batch import extract
from .pipeline import load
from .schema import Actor, Article, Attribution, DateMention, Entity, Event, Predicate, Record, Span

__all__ = [
    "extract", "load", "Actor", "Article", "Attribution", "DateMention", "Entity", "Event", "Predicate",
    "Record", "Span", "OnrecordError", "InputError", "ModelNotFoundError", "NotFoundError", "SearchSyntaxError",
]
