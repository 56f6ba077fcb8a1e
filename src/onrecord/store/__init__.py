"""A lasting corpus: records stored in SQLite (default ./onrecord.db) or PostgreSQL.

    from onrecord.store import Filters, open_store
    with open_store() as store:
        store.add_record(record, origin="a.txt")
        store.search(Filters.make("air defence", outlet="reuters.com"))

docs/storage.md describes the tables, the filters and the corrections.
"""
from .keys import content_hash, normalise_url
from .query import Filters
from .store import Store, open_store

__all__ = ["Filters", "Store", "content_hash", "normalise_url", "open_store"]
