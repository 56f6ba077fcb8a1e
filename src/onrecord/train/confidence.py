"""Fit the confidence table of a profile (entities/confidence.py) on PolNeAR
train and the dev half of the blind speaker set. The held-out half is never read
here: it is where the calibration is checked (``onrecord eval speakers --split
heldout``).

On the speaker set an attribution counts as right when it finds a gold
attribution (content overlap, as ``onrecord eval speakers`` pairs them) and its
speaker names the gold speaker; one that finds none is wrong. On PolNeAR train
it is right when its content overlaps a gold relation's content (half of the
shorter span, the best such relation) and its source, or a mention of the entity
it resolved to, overlaps that relation's source; a gold relation without a
source is right only for an attribution without one (``polnear_right``).
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..entities.confidence import SPEECH_KINDS, attribution_class
from ..evaluate import polnear
from ..evaluate.speakers import MIN_OVERLAP, pair, read_gold, read_texts, same_speaker
from ..schema import Attribution, Entity, Record

FIT_SPLIT = "dev"
POLNEAR_SPLIT = "train"


def _totals(classes: dict[str, dict[str, int]]) -> dict:
    """Class counts with their kinds' and the whole set's sums, as the table keeps them."""
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "right": 0})
    for key, c in classes.items():
        kinds[key.split("|", 1)[0]]["n"] += c["n"]
        kinds[key.split("|", 1)[0]]["right"] += c["right"]
    overall = {"n": sum(c["n"] for c in classes.values()), "right": sum(c["right"] for c in classes.values())}
    return {"overall": overall, "kinds": dict(sorted(kinds.items())), "classes": dict(sorted(classes.items()))}


def _share(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shared / shorter if shared > 0 and shorter > 0 else 0.0


def polnear_right(attribution: Attribution, entity: Entity | None, gold: list[polnear.GoldAttribution]) -> bool:
    """Whether an attribution is right against an article's PolNeAR relations (module docstring)."""
    content = (attribution.content.start, attribution.content.end)
    scored = [(_share(content, polnear._outer(g.content)), n) for n, g in enumerate(gold)]
    share, best = max(scored, default=(0.0, -1))
    if share < MIN_OVERLAP:
        return False
    relation = gold[best]
    if not relation.source:
        return attribution.source is None
    spans = [(attribution.source.start, attribution.source.end)] if attribution.source else []
    spans += [(m.start, m.end) for m in entity.mentions] if entity is not None else []
    return any(s < ge and gs < e for s, e in spans for gs, ge in relation.source)


def count_polnear(root: Path, extract: Callable[[str, str | None], Record],
                  progress: Callable[[int, int], None] | None = None, limit: int | None = None) -> dict:
    """Class counts on PolNeAR train (``root`` is the corpus folder)."""
    articles = polnear.load_split(root, POLNEAR_SPLIT, limit=limit)
    classes: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "right": 0})
    for done, article in enumerate(articles, 1):
        record = extract(article.text, None)
        by_id = {e.id: e for e in record.entities}
        for attribution in record.attributions:
            if attribution.kind not in SPEECH_KINDS:
                continue
            cls = classes[attribution_class(attribution, by_id)]
            cls["n"] += 1
            cls["right"] += polnear_right(attribution, by_id.get(attribution.speaker or ""), article.attributions)
        if progress:
            progress(done, len(articles))
    return {**_totals(classes), "articles": len(articles)}


def count(gold_path: Path, shared: Path, extract: Callable[[str, str | None], Record],
          progress: Callable[[int, int], None] | None = None) -> dict:
    gold = [g for g in read_gold(gold_path) if g.split == FIT_SPLIT]
    texts = read_texts(shared, gold)
    by_article = defaultdict(list)
    for g in gold:
        by_article[g.corpus, g.article].append(g)
    classes: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "right": 0})
    for done, (key, items) in enumerate(sorted(by_article.items()), 1):
        text, published = texts[key]
        record = extract(text, published)
        right = {pi for gi, pi in pair(items, record)
                 if same_speaker(record.speaker_name(record.attributions[pi]), items[gi].speaker)}
        by_id = {e.id: e for e in record.entities}
        for pi, attribution in enumerate(record.attributions):
            if attribution.kind not in SPEECH_KINDS:
                continue
            cls = classes[attribution_class(attribution, by_id)]
            cls["n"] += 1
            cls["right"] += pi in right
        if progress:
            progress(done, len(by_article))
    return {**_totals(classes), "articles": len(by_article)}


def fit(gold_path: Path, shared: Path, profile: str, output: Path,
        progress: Callable[[int, int], None] | None = None) -> dict:
    """Count with calibration switched off, on PolNeAR train (``shared``/polnear)
    and the speaker set's dev half, and write the table to ``output``."""
    from .. import batch, pipeline

    nlp = pipeline.load(profile=profile)
    nlp.get_pipe("onrecord_entities").calibrated = False
    extract = lambda text, d: batch.extract(text, d, nlp=nlp)  # noqa: E731
    pol = count_polnear(shared / "polnear", extract, progress)
    speakers = count(gold_path, shared, extract, progress)
    table = {
        "profile": profile,
        "fitted_on": f"PolNeAR {POLNEAR_SPLIT}: {pol['articles']} articles; "
                     f"speaker set (tests/data/speakers), split {FIT_SPLIT}: {speakers['articles']} articles",
        "fitted": date.today().isoformat(),
        "command": f"onrecord train confidence ../shared/data --profile {profile}",
        "polnear": {k: pol[k] for k in ("overall", "kinds", "classes")},
        "speakers": {k: speakers[k] for k in ("overall", "kinds", "classes")},
        "overall": speakers["overall"],
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return table
