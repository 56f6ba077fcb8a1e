"""Global entities: resolving an article's entities, and the user's corrections.

Corrections are rows in ``entity_overrides`` consulted by ``resolve`` every time an
article is written, so a merge or split made today still holds after re-ingest or
--reprocess. Two kinds: "key" (an entity key, as made by keys.entity_key, belongs
to entity N: a merge) and "name" (an article entity with this normalised name and
type belongs to entity N: a split or an alias-file line).
"""
from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Connection, delete, func, select, update

from ..errors import InputError, NotFoundError, StoreError
from ..schema import UNNAMED, Entity
from .db import upsert
from .keys import entity_key, normalise_name
from .tables import article_entities, entities, entity_aliases, entity_overrides

PRONOUNS = frozenset(
    "i me my we us our you your he him his she her hers it its they them their theirs "
    "who whom this that these those one".split()
)
DETERMINERS = ("the ", "a ", "an ")


def name_match(name: str, type_: str) -> str:
    return f"{normalise_name(name)}|{type_}"


def local_only(entity: Entity) -> bool:
    """Entities never merged with another article's: an unnamed source ("officials"
    here are not the officials of another story) and a person known only by a
    surname ("Biden" alone cannot tell Joe from Hunter)."""
    return entity.type == UNNAMED or (entity.type == "PERSON" and len(entity.name.split()) == 1)


LOCAL_KEY = "|article "  # what local_only entities' keys end with, before the article's id


def local_only_key(key: str) -> bool:
    """Whether a stored entity key belongs to a ``local_only`` entity (kept to one article)."""
    return LOCAL_KEY in key


def resolve_all(conn: Connection, article_entities_: list[Entity], scope: str) -> list[int]:
    """The global entity id of each of an article's entities, creating the new
    ones. Corrections win over the automatic key. ``scope`` (the article's row id)
    keeps ``local_only`` entities to their article. A few statements per
    article, not per entity: storage must cost little next to extraction."""
    wanted = []
    for entity in article_entities_:
        actor = entity.actor
        country, org = (actor.country, actor.org) if actor else (None, None)
        key = entity_key(entity.name, entity.type, country, org)
        if local_only(entity):
            key = f"{key}{LOCAL_KEY}{scope}"
        wanted.append((name_match(entity.name, entity.type), key))
    corrections = _overrides(conn, {m for pair in wanted for m in pair})
    ids: list[int | None] = [corrections.get(("name", by_name), corrections.get(("key", key)))
                             for by_name, key in wanted]
    new = {}
    for entity, (_, key), found in zip(article_entities_, wanted, ids):
        if found is None and key not in new:
            actor = entity.actor
            new[key] = {"key": key, "name": entity.name, "type": entity.type,
                        "country": actor.country if actor else None, "org": actor.org if actor else None,
                        "sector": actor.sector if actor else None}
    if new:
        # ON CONFLICT DO NOTHING: two writers seeing a new person at once both end up
        # with the one row instead of one of them failing its whole article.
        conn.execute(upsert(conn, entities).on_conflict_do_nothing(index_elements=["key"]), list(new.values()))
        stored = dict(conn.execute(select(entities.c.key, entities.c.id).where(entities.c.key.in_(list(new)))).all())
        ids = [found if found is not None else stored[key] for (_, key), found in zip(wanted, ids)]
    return ids  # type: ignore[return-value]


def _overrides(conn: Connection, matches: set[str]) -> dict[tuple[str, str], int]:
    if not matches:
        return {}
    rows = conn.execute(select(entity_overrides.c.kind, entity_overrides.c.match, entity_overrides.c.entity_id)
                        .where(entity_overrides.c.match.in_(sorted(matches)))).all()
    return {(row.kind, row.match): row.entity_id for row in rows}


def _set_override(conn: Connection, kind: str, match: str, entity_id: int) -> None:
    stmt = upsert(conn, entity_overrides).values(kind=kind, match=match, entity_id=entity_id)
    conn.execute(stmt.on_conflict_do_update(index_elements=["kind", "match"], set_={"entity_id": entity_id}))


def aliases_of(name: str, mentions: list[dict]) -> dict[str, str]:
    """Normalised alias -> as written: the article's name for the entity and every
    mention that is itself a name (not "he", not "the NATO chief")."""
    found = {normalise_name(name): name}
    for mention in mentions:
        text = mention["text"].strip()
        if _is_name(text):
            found.setdefault(normalise_name(text), text)
    found.pop("", None)
    return found


def _is_name(text: str) -> bool:
    lower = text.lower()
    return bool(text) and text[0].isupper() and lower not in PRONOUNS and not lower.startswith(DETERMINERS)


def count_aliases(conn: Connection, entity_id: int, name: str, mentions: list[dict], step: int) -> None:
    """Add (step=1) or take back (step=-1) one article's sighting of each alias.
    Counts never go below zero and rows stay: every alias ever seen is kept."""
    count_aliases_many(conn, [(entity_id, name, mentions)], step)


def count_aliases_many(conn: Connection, sightings: list[tuple[int, str, list[dict]]], step: int) -> None:
    """count_aliases for several entities in one statement."""
    rows = [{"entity_id": entity_id, "alias": alias, "alias_norm": norm, "seen": max(step, 0)}
            for entity_id, name, mentions in sightings for norm, alias in aliases_of(name, mentions).items()]
    if not rows:
        return
    seen = func.max(entity_aliases.c.seen + step, 0) if conn.dialect.name == "sqlite" else \
        func.greatest(entity_aliases.c.seen + step, 0)
    stmt = upsert(conn, entity_aliases).on_conflict_do_update(index_elements=["entity_id", "alias_norm"],
                                                              set_={"seen": seen})
    # One sighting per (entity, alias) and article, as before: the same alias twice in
    # one batch would otherwise count twice.
    unique = list({(r["entity_id"], r["alias_norm"]): r for r in rows}.values())
    conn.execute(stmt, unique)


def find(conn: Connection, ref: int | str, type_: str | None = None) -> int:
    """An entity by id (int or digits) or by exact name, case-insensitive."""
    if isinstance(ref, int) or str(ref).strip().isdigit():
        entity_id = int(ref)
        if conn.execute(select(entities.c.id).where(entities.c.id == entity_id)).first() is None:
            raise NotFoundError(f"no entity with id {entity_id}; see `onrecord entities list`")
        return entity_id
    query = select(entities.c.id, entities.c.type, entities.c.country, entities.c.org).where(
        func.lower(entities.c.name) == ref.strip().lower())
    if type_:
        query = query.where(entities.c.type == type_)
    rows = conn.execute(query.order_by(entities.c.id)).all()
    if not rows:
        raise NotFoundError(f"no entity named {ref!r}; see `onrecord entities list --name ...`")
    if len(rows) > 1:
        choices = ", ".join(f"#{r.id} ({r.type} {r.country or ''}{r.org or ''})".replace(" )", ")") for r in rows)
        raise StoreError(f"{ref!r} names {len(rows)} entities: {choices}; give the id instead")
    return rows[0].id


def merge(conn: Connection, source: int, target: int) -> None:
    """Entity ``source`` becomes part of ``target``, now and for every later article."""
    if source == target:
        raise StoreError("cannot merge an entity into itself")
    key = conn.execute(select(entities.c.key).where(entities.c.id == source)).scalar_one()
    conn.execute(update(article_entities).where(article_entities.c.entity_id == source).values(entity_id=target))
    for alias in conn.execute(select(entity_aliases).where(entity_aliases.c.entity_id == source)).all():
        stmt = upsert(conn, entity_aliases).values(
            entity_id=target, alias=alias.alias, alias_norm=alias.alias_norm, seen=alias.seen)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["entity_id", "alias_norm"], set_={"seen": entity_aliases.c.seen + alias.seen}))
    # Earlier corrections that pointed at the source now point at the target.
    conn.execute(update(entity_overrides).where(entity_overrides.c.entity_id == source).values(entity_id=target))
    _set_override(conn, "key", key, target)
    conn.execute(delete(entities).where(entities.c.id == source))


def split(conn: Connection, entity_id: int, alias: str) -> int:
    """Articles that name ``entity_id`` as ``alias`` move to a new (or the already
    existing) entity of that name; later articles follow. Returns its id."""
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).one()
    norm = normalise_name(alias)
    if not norm:
        raise InputError("give the alias to split off, e.g. `onrecord entities split 12 Solberg`")
    if norm == normalise_name(row.name):
        raise StoreError(f"{alias!r} is the entity's own name; split off one of its other aliases")
    key = entity_key(alias, row.type, row.country, row.org)
    conn.execute(upsert(conn, entities).values(
        key=key, name=alias.strip(), type=row.type, country=row.country, org=row.org, sector=row.sector,
    ).on_conflict_do_nothing(index_elements=["key"]))
    new_id = conn.execute(select(entities.c.id).where(entities.c.key == key)).scalar_one()
    for local in conn.execute(select(article_entities.c.article_id, article_entities.c.local_id,
                                     article_entities.c.name).where(article_entities.c.entity_id == entity_id)):
        if normalise_name(local.name) == norm:
            conn.execute(update(article_entities).where(
                article_entities.c.article_id == local.article_id,
                article_entities.c.local_id == local.local_id).values(entity_id=new_id))
    conn.execute(delete(entity_aliases).where(entity_aliases.c.entity_id == entity_id,
                                              entity_aliases.c.alias_norm == norm))
    count_aliases(conn, new_id, alias.strip(), [], 0)
    # A merge that sent this name's key to the old entity must not win any more.
    conn.execute(delete(entity_overrides).where(entity_overrides.c.kind == "key", entity_overrides.c.match == key))
    _set_override(conn, "name", name_match(alias, row.type), new_id)
    return new_id


def load_aliases(conn: Connection, path: str | Path) -> int:
    """Alias file: ``alias<TAB>canonical name[<TAB>TYPE]`` per line, # comments.
    Each alias joins its canonical entity (created when a TYPE is given and it is
    new), existing entities of that name are merged in, later articles follow."""
    loaded = 0
    with open(path, encoding="utf-8", newline="") as handle:
        for number, cells in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not cells or not cells[0].strip() or cells[0].lstrip().startswith("#"):
                continue
            if len(cells) < 2 or not cells[1].strip():
                raise InputError(f"{path}:{number}: expected alias<TAB>canonical name[<TAB>TYPE]")
            alias, canonical = cells[0].strip(), cells[1].strip()
            type_ = cells[2].strip().upper() if len(cells) > 2 and cells[2].strip() else None
            target = _canonical(conn, canonical, type_, f"{path}:{number}")
            type_ = conn.execute(select(entities.c.type).where(entities.c.id == target)).scalar_one()
            _absorb(conn, alias, type_, target)
            count_aliases(conn, target, alias, [], 0)
            _set_override(conn, "name", name_match(alias, type_), target)
            loaded += 1
    return loaded


def _canonical(conn: Connection, name: str, type_: str | None, where: str) -> int:
    try:
        return find(conn, name, type_)
    except NotFoundError:
        if not type_:
            raise InputError(f"{where}: no entity named {name!r} yet; add its TYPE (PERSON, ORG, ...) "
                             "as a third column to create it") from None
    key = entity_key(name, type_, None, None)
    conn.execute(upsert(conn, entities).values(key=key, name=name, type=type_)
                 .on_conflict_do_nothing(index_elements=["key"]))
    return conn.execute(select(entities.c.id).where(entities.c.key == key)).scalar_one()


def _absorb(conn: Connection, alias: str, type_: str, target: int) -> None:
    """Merge entities already stored under the alias (any actor code) into the target.
    Keys start with "name|type|", so an index-friendly prefix match finds them."""
    prefix = f"{normalise_name(alias)}|{type_}|"
    for row in conn.execute(select(entities.c.id).where(
            entities.c.key.startswith(prefix, autoescape=True), entities.c.id != target)).all():
        merge(conn, row.id, target)


def mentions_of(entity: Entity) -> list[dict]:
    """The entity's mentions as stored in article_entities.mentions (as JSON)."""
    return [{"start": m.start, "end": m.end, "text": m.text} for m in entity.mentions]
