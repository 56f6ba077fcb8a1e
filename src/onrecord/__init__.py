"""onrecord: who said what, and who did what to whom, in English news.

>>> import onrecord
>>> record = onrecord.extract(text, date="2023-02-24")   # doctest: +SKIP
>>> record.to_dict()                                     # doctest: +SKIP
"""
from .errors import InputError, ModelNotFoundError, NotFoundError, OnrecordError
from .pipeline import extract, load
from .schema import Article, Attribution, Entity, Record, Span

__all__ = [
    "extract", "load", "Article", "Attribution", "Entity", "Record", "Span",
    "OnrecordError", "InputError", "ModelNotFoundError", "NotFoundError",
]
