"""Fit the confidence table of a profile (entities/confidence.py).

Three steps, each a small function below:

1. ``polnear_levels``: each class's rate of right attributions on PolNeAR train
   (shrunk towards its kind's rate). PolNeAR is large, so it orders the classes
   well, but its test is lenient: an attribution is right when its content
   overlaps a gold relation's content and its source, or a mention of the
   entity it resolved to, overlaps that relation's source (``polnear_right``).
   The articles the speaker set labels are left out, so the two sets share no text.
2. ``fit_map``: one monotone map (Platt: a logistic curve on the log-odds of the
   PolNeAR level, slope at least 0) from that level to the chance that the
   speaker is the right person on the speaker set's calibration splits (dev and
   train). A single curve of two numbers is all that 32 articles can fit; the
   held-out split is never read here, it is where calibration is checked
   (``onrecord eval speakers --split heldout``).
3. ``class_confidence``: the mapped level, moved by the class's own speaker-set
   counts (``PRIOR_WEIGHT`` pseudo-counts), and held below 0.9 unless the
   class's own speaker-set rate has a Wilson lower bound (one-sided 95%) of 0.9
   or more: a confidence of 0.9 is a claim the counts must back.

On the speaker set an attribution counts as right when it finds a gold
attribution (content overlap, as ``onrecord eval speakers`` pairs them) and its
speaker names the gold speaker; one that finds none is wrong.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from ..entities.confidence import (
    EMPTY,
    PRIOR_WEIGHT,
    SPEECH_KINDS,
    attribution_class,
    probability,
    table_probability,
)
from ..evaluate import polnear
from ..evaluate.speakers import (
    BINS,
    HIGH_CONFIDENCE,
    MIN_OVERLAP,
    pair,
    read_gold,
    read_texts,
    same_speaker,
)
from ..schema import Attribution, Entity, Record

FIT_SPLITS = ("dev", "train")  # the speaker set's calibration splits; never "heldout"
POLNEAR_SPLIT = "train"
WILSON_Z = 1.645  # one-sided 95%: the class's rate is at least the bound with that confidence
BELOW_HIGH = 0.89  # where a class without the counts for 0.9 is held
LEVEL_CLIP = 1e-3  # keeps the log-odds of a level of 0 or 1 finite
# One article's attributions of a class share a writer, a format and often a speaker, so they are
# not independent draws: an article weighs at most this many items in any class (its right share
# kept). A 0.9 then needs right attributions from at least three articles (25 of 25 is the least
# the Wilson bound passes), not one long interview's 107 answers.
ARTICLE_CAP = 10

Counts = dict[str, dict[str, float]]  # class → {"n", "right"}; capped counts may be fractional


def _totals(classes: Counts) -> dict:
    """Class counts with their kinds' and the whole set's sums, as the table keeps them."""
    kinds: Counts = defaultdict(lambda: {"n": 0, "right": 0})
    for key, c in classes.items():
        kinds[key.split("|", 1)[0]]["n"] += c["n"]
        kinds[key.split("|", 1)[0]]["right"] += c["right"]
    overall = {"n": sum(c["n"] for c in classes.values()), "right": sum(c["right"] for c in classes.values())}
    return {"overall": overall, "kinds": dict(sorted(kinds.items())), "classes": dict(sorted(classes.items()))}


def _add(into: Counts, more: Counts) -> None:
    for key, c in more.items():
        into.setdefault(key, {"n": 0, "right": 0})
        into[key]["n"] += c["n"]
        into[key]["right"] += c["right"]


def capped(articles: Iterable[Counts], cap: int = ARTICLE_CAP) -> Counts:
    """Class counts over articles, each article weighing at most ``cap`` items in a class
    (``ARTICLE_CAP``); a capped article keeps its share right, so counts may be fractional."""
    merged: Counts = {}
    for classes in articles:
        _add(merged, {key: c if c["n"] <= cap else {"n": cap, "right": cap * c["right"] / c["n"]}
                      for key, c in classes.items()})
    return merged


# --------------------------------------------------------------------------- the fit (pure)

def _logit(p: float) -> float:
    p = min(1.0 - LEVEL_CLIP, max(LEVEL_CLIP, p))
    return math.log(p / (1.0 - p))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def wilson_lower(right: float, n: float, z: float = WILSON_Z) -> float:
    """The lower end of the Wilson score interval of ``right`` of ``n``; 0 without items."""
    if n <= 0:
        return 0.0
    p = right / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - spread) / (1 + z * z / n))


def fit_map(points: Iterable[tuple[float, int, int]], steps: int = 100) -> tuple[float, float]:
    """Platt's fit of right ~ sigmoid(a · logit(level) + b) on (level, n, right)
    points, with Platt's smoothed targets (a set of few items does not fit 0 or 1).
    The slope is kept at 0 or more, so the map is monotone: a class PolNeAR finds
    more often right never gets less than one it finds less often right."""
    points = [(_logit(level), n, right) for level, n, right in points if n > 0]
    positives = sum(r for _, _, r in points)
    negatives = sum(n - r for _, n, r in points)
    if not points:
        return 0.0, 0.0
    high, low = (positives + 1.0) / (positives + 2.0), 1.0 / (negatives + 2.0)
    constant = (0.0, _logit((positives + 1.0) / (positives + negatives + 2.0)))
    a, b = 1.0, 0.0
    for _ in range(steps):  # Newton's method on the two parameters
        ga = gb = haa = hab = hbb = 0.0
        for x, n, r in points:
            p = _sigmoid(a * x + b)
            # r items with target `high`, n - r with target `low`
            g = r * (p - high) + (n - r) * (p - low)
            w = n * p * (1 - p)
            ga, gb = ga + g * x, gb + g
            haa, hab, hbb = haa + w * x * x, hab + w * x, hbb + w
        haa, hbb = haa + 1e-9, hbb + 1e-9
        det = haa * hbb - hab * hab
        if det <= 1e-12:
            break
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) < 1e-10 and abs(db) < 1e-10:
            break
    return (a, b) if a >= 0 and math.isfinite(a) and math.isfinite(b) else constant


def mapped(curve: tuple[float, float], level: float) -> float:
    return _sigmoid(curve[0] * _logit(level) + curve[1])


def class_confidence(prior: float, counts: dict[str, float], weight: float = PRIOR_WEIGHT) -> float:
    """A class's confidence: the mapped PolNeAR level ``prior``, moved by the
    class's own speaker-set counts, held below 0.9 unless those counts back it."""
    value = (counts["right"] + weight * prior) / (counts["n"] + weight)
    # Compared as the table stores it (3 decimals): 0.8996 is written 0.9 and would claim 0.9 unbacked.
    if round(value, 3) >= HIGH_CONFIDENCE and wilson_lower(counts["right"], counts["n"]) < HIGH_CONFIDENCE:
        value = BELOW_HIGH
    return value


def confidences(pol: dict, speakers: Counts, weight: float = PRIOR_WEIGHT) -> dict:
    """The table's ``map`` and ``confidence`` sections from PolNeAR counts (``_totals``
    form) and speaker-set class counts."""
    classes = sorted(set(pol["classes"]) | set(speakers))
    levels = {key: probability(pol, key) for key in classes}
    curve = fit_map((levels[key], c["n"], c["right"]) for key, c in speakers.items())
    by_class = {key: round(class_confidence(mapped(curve, levels[key]), speakers.get(key, EMPTY), weight), 3)
                for key in classes}
    kinds = {kind: round(class_confidence(mapped(curve, probability(pol, f"{kind}|?|?")), EMPTY, weight), 3)
             for kind in SPEECH_KINDS}
    overall_level = (pol["overall"]["right"] + 1.0) / (pol["overall"]["n"] + 2.0)
    overall = round(class_confidence(mapped(curve, overall_level), EMPTY, weight), 3)
    return {"map": {"slope": round(curve[0], 4), "intercept": round(curve[1], 4)},
            "confidence": {"classes": by_class, "kinds": kinds, "overall": overall}}


def reliability(rows: Iterable[tuple[float, int, int]]) -> list[dict]:
    """Reliability bins (``onrecord eval speakers``' edges) of (confidence, n, right) rows."""
    bins = {b: [0, 0.0, 0] for b in BINS}
    for value, n, right in rows:
        low = max(b for b in BINS if value >= b)
        bins[low][0] += n
        bins[low][1] += value * n
        bins[low][2] += right
    return [{"from": b, "n": n, "mean_confidence": round(total / n, 3) if n else None,
             "right": round(right / n, 3) if n else None} for b, (n, total, right) in bins.items()]


def cross_validate(pol: dict, articles: dict[str, Counts], weight: float = PRIOR_WEIGHT) -> list[dict]:
    """Reliability bins with each calibration article scored by a table fitted
    without it: an estimate, before the held-out split, of how the fit carries over."""
    rows = []
    for left_out, counts in articles.items():
        rest = capped(other for name, other in articles.items() if name != left_out)
        table = {"confidence": confidences(pol, rest, weight)["confidence"]}
        # a class only the left-out article has gets its kind's value, as at run time
        rows += [(table_probability(table, key), c["n"], c["right"]) for key, c in counts.items()]
    return reliability(rows)


# --------------------------------------------------------------------------- counting (runs the pipeline)

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


def speaker_set_articles(gold_path: Path) -> set[str]:
    """PolNeAR train articles the speaker set labels (any split), kept out of the PolNeAR counts."""
    return {g.article for g in read_gold(gold_path) if g.corpus in ("polnear-train", "polnear")}


def count_polnear(root: Path, extract: Callable[[str, str | None], Record],
                  progress: Callable[[int, int], None] | None = None, limit: int | None = None,
                  skip: set[str] = frozenset()) -> dict:
    """Class counts on PolNeAR train (``root`` is the corpus folder), without the
    articles in ``skip``; ``limit`` takes the first that many articles by name."""
    articles = [a for a in polnear.load_split(root, POLNEAR_SPLIT) if a.name not in skip][:limit]
    classes: Counts = defaultdict(lambda: {"n": 0, "right": 0})
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
    """Class counts on the speaker set's calibration splits, whole and per article."""
    gold = [g for g in read_gold(gold_path) if g.split in FIT_SPLITS]
    texts = read_texts(shared, gold)
    by_article = defaultdict(list)
    for g in gold:
        by_article[g.corpus, g.article].append(g)
    articles: dict[str, Counts] = {}
    for done, (key, items) in enumerate(sorted(by_article.items()), 1):
        text, published = texts[key]
        record = extract(text, published)
        right = {pi for gi, pi in pair(items, record)
                 if same_speaker(record.speaker_name(record.attributions[pi]), items[gi].speaker)}
        by_id = {e.id: e for e in record.entities}
        classes: Counts = defaultdict(lambda: {"n": 0, "right": 0})
        for pi, attribution in enumerate(record.attributions):
            if attribution.kind not in SPEECH_KINDS:
                continue
            cls = classes[attribution_class(attribution, by_id)]
            cls["n"] += 1
            cls["right"] += pi in right
        articles[f"{key[0]}/{key[1]}"] = dict(sorted(classes.items()))
        if progress:
            progress(done, len(by_article))
    merged: Counts = {}
    for classes in articles.values():
        _add(merged, classes)
    return {**_totals(merged), "articles": articles}


def build_table(pol: dict, speakers: dict, profile: str, limit: int | None = None) -> dict:
    """The table written to models/confidence/<profile>.json: the counts it was
    fitted from, the map, each class's confidence and the cross-validated bins."""
    fitted = confidences(pol, capped(speakers["articles"].values()))
    command = f"onrecord train confidence ../shared/data --profile {profile}" + (f" --limit {limit}" if limit else "")
    return {
        "profile": profile,
        "fitted_on": f"PolNeAR {POLNEAR_SPLIT}: {pol['articles']} articles (without the speaker set's); "
                     f"speaker set (tests/data/speakers), splits {' + '.join(FIT_SPLITS)}: "
                     f"{len(speakers['articles'])} articles",
        "fitted": date.today().isoformat(),
        "command": command,
        "method": f"PolNeAR class rate -> Platt map fitted on the speaker set; an article weighs at most "
                  f"{ARTICLE_CAP} items in a class; class counts add {PRIOR_WEIGHT:g} pseudo-counts; "
                  f">= {HIGH_CONFIDENCE} only with a Wilson lower bound (z {WILSON_Z}) >= {HIGH_CONFIDENCE}, "
                  f"else {BELOW_HIGH}",
        **fitted,
        "cross_validated": cross_validate(pol, speakers["articles"]),
        "in_sample": reliability((fitted["confidence"]["classes"][k], c["n"], c["right"])
                                 for k, c in speakers["classes"].items()),
        "polnear": {k: pol[k] for k in ("overall", "kinds", "classes")} | {"articles": pol["articles"]},
        "speakers": {k: speakers[k] for k in ("overall", "kinds", "classes", "articles")},
        "overall": speakers["overall"],
    }


def fit(gold_path: Path, shared: Path, profile: str, output: Path,
        progress: Callable[[int, int], None] | None = None, limit: int | None = None) -> dict:
    """Count with calibration switched off, on PolNeAR train (``shared``/polnear)
    and the speaker set's calibration splits, and write the table to ``output``."""
    from .. import batch, pipeline

    nlp = pipeline.load(profile=profile)
    nlp.get_pipe("onrecord_entities").calibrated = False
    extract = lambda text, d: batch.extract(text, d, nlp=nlp)
    speakers = count(gold_path, shared, extract, progress)
    pol = count_polnear(shared / "polnear", extract, progress, limit=limit, skip=speaker_set_articles(gold_path))
    table = build_table(pol, speakers, profile, limit)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return table
