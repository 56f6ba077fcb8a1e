"""Fit the confidence table of a profile (entities/confidence.py) on the dev
half of the blind speaker set. The held-out half is never read here: it is
where the calibration is checked (``onrecord eval speakers --split heldout``).

An attribution counts as right when it finds a gold attribution (content
overlap, as ``onrecord eval speakers`` pairs them) and its speaker names the
gold speaker; one that finds none is wrong.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..entities.confidence import SPEECH_KINDS, attribution_class
from ..evaluate.speakers import pair, read_gold, read_texts, same_speaker
from ..schema import Record

FIT_SPLIT = "dev"


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
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "right": 0})
    for key, c in classes.items():
        kinds[key.split("|", 1)[0]]["n"] += c["n"]
        kinds[key.split("|", 1)[0]]["right"] += c["right"]
    overall = {"n": sum(c["n"] for c in classes.values()), "right": sum(c["right"] for c in classes.values())}
    return {"overall": overall, "kinds": dict(sorted(kinds.items())), "classes": dict(sorted(classes.items())),
            "articles": len(by_article)}


def fit(gold_path: Path, shared: Path, profile: str, output: Path,
        progress: Callable[[int, int], None] | None = None) -> dict:
    """Count with calibration switched off, and write the table to ``output``."""
    from .. import batch, pipeline

    nlp = pipeline.load(profile=profile)
    nlp.get_pipe("onrecord_entities").calibrated = False
    counts = count(gold_path, shared, lambda text, d: batch.extract(text, d, nlp=nlp), progress)
    table = {
        "profile": profile,
        "fitted_on": f"speaker set (tests/data/speakers), split {FIT_SPLIT}: {counts['articles']} articles",
        "fitted": date.today().isoformat(),
        "command": f"onrecord train confidence ../shared/data --profile {profile}",
        **{k: counts[k] for k in ("overall", "kinds", "classes")},
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return table
