"""A lasting corpus: records stored in SQLite (default ./onrecord.db) or PostgreSQL.

    from onrecord.store import open_store, content_hash
    with open_store() as store:
        store.add_record(record, origin="a.txt", text_hash=content_hash(record.text))

docs/storage.md describes the tables, the filters and the corrections.
"""
from .keys import content_hash, normalise_url
from .store import Store, open_store

__all__ = ["Store", "content_hash", "normalise_url", "open_store"]
