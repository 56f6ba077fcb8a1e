"""Score onrecord's attributions against PolNeAR (Newell et al., LREC 2018).

PolNeAR annotates attribution relations in US political news as brat standoff:
``{split}/text/<article>.txt`` and ``{split}/attributions/<article>_<annotator>.ann``.
Each ``E`` line links one relation's Source, Cue and Content ``T`` spans; only
those relations count as gold (Discard/Discuss and unlinked ``T`` lines don't).

How we score, and why:

* Span level, per role (source, cue, content): the gold spans of an article are
  the *distinct* spans of that role over all its relations (one source often
  heads several relations; counting it once per relation would reward a system
  for repeating it). Predictions are collected the same way.
* "exact" compares offsets after trimming quote marks, punctuation and
  whitespace from both ends of both spans: annotators and extractors disagree
  about whether ``“...”`` or a final full stop belongs to the content, and that
  is not an error worth counting. If trimming leaves nothing (a cue ``:``) the
  untrimmed span is kept.
* "overlap" counts a match when the spans share at least one non-whitespace
  character — a lenient view that shows whether the system found the right
  thing at all.
* Matching is one-to-one and greedy (largest overlap first), so one long
  prediction can't be credited for several gold spans.
* Discontinuous gold spans (``Content 10 20;25 40``, and the rare extra
  ``Content2`` role) are matched at span level by their outer extent (min
  start, max end), because onrecord predicts one contiguous span per role.
  Attribution level uses the union of the pieces, so the gap doesn't count.
* Attribution level: a prediction matches a gold relation when its content
  covers at least half of the gold content's non-whitespace characters and,
  if the gold has a source, the predicted source overlaps it. A gold relation
  without a source (``Attribution-no-source``) matches with or without one.
* Only predicted kinds direct/indirect/mixed count: PolNeAR does not annotate
  titles ("Secretary of State X") or terms ("so-called ..."), so 'title' and
  'term' would only ever be scored as false positives.
* Precision (recall) is 0.0 when there is nothing predicted (no gold), rather
  than undefined, so reports always have numbers.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any, Callable, Iterable

from onrecord.errors import DataNotFoundError
from onrecord.schema import Attribution, Record, Span

SPLITS: tuple[str, ...] = ("train", "dev")
ROLES: tuple[str, ...] = ("source", "cue", "content")
SCORED_KINDS: frozenset[str] = frozenset({"direct", "indirect", "mixed"})
CONTENT_OVERLAP_MIN = 0.5  # share of gold content a prediction must cover

# Characters trimmed from both ends of a span before exact comparison.
_QUOTES = "\"“”'‘’«»„‹›"
_PUNCT = ".,;:!?—–-()[]"
_TRIM = frozenset(_QUOTES + _PUNCT)

Pieces = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    """One gold relation; each role is a list of (start, end) pieces, or None if absent."""

    source: Pieces | None
    cue: Pieces | None
    content: Pieces


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]
    annotator: str | None = None  # which annotator's .ann file was used


# --------------------------------------------------------------------------- loading


def load_split(root: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """Load one PolNeAR split, one annotator per article, sorted by article name.

    Articles that have a text but no .ann file are skipped: they were not
    annotated, which is not the same as having no attributions.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown PolNeAR split {split!r}: use one of {', '.join(SPLITS)}")
    root = Path(root)
    text_dir = root / split / "text"
    ann_dir = root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DataNotFoundError(
            f"PolNeAR {split} split not found under {root}: expected {text_dir} and "
            f"{ann_dir}. Put the corpus there (see its README.md) or pass its location."
        )
    listed = _listed_annotators(root / "metadata.tsv", split)
    ann_files = _ann_files_by_article(ann_dir)
    articles: list[GoldArticle] = []
    for text_path in sorted(text_dir.glob("*.txt")):
        if limit is not None and len(articles) >= limit:
            break
        name = text_path.stem
        files = ann_files.get(name)
        if not files:
            continue
        annotator = _choose_annotator(files, listed.get(name, []))
        text = _read(text_path)
        attributions = parse_ann(_read(files[annotator]))
        articles.append(GoldArticle(name, text, attributions, annotator))
    return articles


def _read(path: Path) -> str:
    """Read exactly as stored: brat offsets count characters, so keep any \\r."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _listed_annotators(metadata: Path, split: str) -> dict[str, list[str]]:
    """Article name → annotators in metadata order; a row of this split wins over others."""
    if not metadata.is_file():
        return {}
    result: dict[str, list[str]] = {}
    with open(metadata, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name = row.get("filename") or ""
            annotators = [a for a in (row.get("annotators") or "").split("|") if a]
            if name and (name not in result or row.get("compartment") == split):
                result[name] = annotators
    return result


def _ann_files_by_article(ann_dir: Path) -> dict[str, dict[str, Path]]:
    """Article name → {annotator: path}; the annotator is the part after the last '_'."""
    result: dict[str, dict[str, Path]] = {}
    for path in ann_dir.glob("*.ann"):
        name, sep, annotator = path.stem.rpartition("_")
        if sep:
            result.setdefault(name, {})[annotator] = path
    return result


def _choose_annotator(files: dict[str, Path], listed: list[str]) -> str:
    """First annotator metadata lists that has a file; else the alphabetically first."""
    for annotator in listed:
        if annotator in files:
            return annotator
    return sorted(files)[0]


def parse_ann(content: str) -> list[GoldAttribution]:
    """Parse brat standoff into gold relations (E lines), resolving their T spans.

    Span text may run over several lines, so any line that isn't a ``T``/``E``
    annotation is ignored as a continuation (or an A/R/# line we don't need);
    only offsets are used. Relations without a content span are dropped (they
    can't be scored), and exact duplicates are kept once.
    """
    spans: dict[str, Pieces] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in content.split("\n"):
        line = line.rstrip("\r")
        ident, tab, rest = line.partition("\t")
        if not tab or len(ident) < 2 or not ident[1:].isdigit():
            continue
        if ident[0] == "T":
            pieces = _parse_offsets(rest.split("\t", 1)[0])
            if pieces:
                spans[ident] = pieces
        elif ident[0] == "E":
            refs = [arg.partition(":") for arg in rest.split()]
            relations.append([(role, ref) for role, colon, ref in refs if colon])
    result: list[GoldAttribution] = []
    seen: set[tuple] = set()
    for refs in relations:
        gold = _relation(refs, spans)
        if gold is None:
            continue
        key = (_freeze(gold.source), _freeze(gold.cue), _freeze(gold.content))
        if key not in seen:
            seen.add(key)
            result.append(gold)
    return result


def _parse_offsets(header: str) -> Pieces:
    """``'Content 10 20;25 40'`` → [(10, 20), (25, 40)]; [] if malformed."""
    _, _, offsets = header.partition(" ")
    pieces: Pieces = []
    for part in offsets.split(";"):
        numbers = part.split()
        if len(numbers) != 2 or not all(n.isdigit() for n in numbers):
            return []
        start, end = int(numbers[0]), int(numbers[1])
        if end > start:
            pieces.append((start, end))
    return sorted(pieces)


def _relation(refs: list[tuple[str, str]], spans: dict[str, Pieces]) -> GoldAttribution | None:
    """Build one relation; role names lose trailing digits, so Content2 adds content pieces."""
    roles: dict[str, Pieces] = {}
    for role, ref in refs:
        if ref in spans:
            base = role.rstrip("0123456789").lower()
            roles.setdefault(base, []).extend(spans[ref])
    if not roles.get("content"):
        return None
    return GoldAttribution(
        source=_merge(roles["source"]) if roles.get("source") else None,
        cue=_merge(roles["cue"]) if roles.get("cue") else None,
        content=_merge(roles["content"]),
    )


def _merge(pieces: Pieces) -> Pieces:
    """Sort pieces and join overlapping ones, so character counts don't double up."""
    merged: Pieces = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _freeze(pieces: Pieces | None) -> tuple | None:
    return tuple(pieces) if pieces is not None else None


def gold_as_attributions(article: GoldArticle) -> list[Attribution]:
    """Gold relations as onrecord Attributions (outer extents; kind 'indirect').

    PolNeAR doesn't label direct vs indirect, so the kind is a placeholder. Used
    to check the scorer (gold against itself scores 1.0) and as an oracle.
    """

    def span(pieces: Pieces | None) -> Span | None:
        if not pieces:
            return None
        start, end = _outer(pieces)
        return Span(start, end, article.text[start:end])

    return [
        Attribution(
            kind="indirect",
            content=span(g.content),  # type: ignore[arg-type]  # content is never empty
            cue=span(g.cue),
            source=span(g.source),
            confidence=1.0,
        )
        for g in article.attributions
    ]


def as_relations(record: Record) -> list[Attribution]:
    """A record's attributions in PolNeAR's unit, one relation per cue.

    onrecord reports each half of a split quote (“A,” she said, “B.”) and each
    cue-less quote continuing it as attributions of their own; PolNeAR marks
    them as one relation whose content runs from the first quote to the last.
    This only regroups what the record says: quotes sharing a cue span, and a
    continuation in the same paragraph as the quote it continues. PolNeAR marks
    no report inside a direct quote (“Isabelle thinks …,” she said), so those
    (``within``) are left out.
    """
    items = [a for a in record.attributions if a.kind in SCORED_KINDS and a.within is None]
    index = {id(a): n for n, a in enumerate(items)}
    group = list(range(len(items)))

    def find(n: int) -> int:
        while group[n] != n:
            group[n] = group[group[n]]
            n = group[n]
        return n

    by_cue: dict[tuple[int, int], int] = {}
    for n, a in enumerate(items):
        if a.cue is not None:
            key = (a.cue.start, a.cue.end)
            if key in by_cue:
                group[find(n)] = find(by_cue[key])
            else:
                by_cue[key] = n
        if a.continues is not None and 0 <= a.continues < len(record.attributions):
            previous = record.attributions[a.continues]
            gap = record.text[previous.content.end:a.content.start]
            if id(previous) in index and "\n" not in gap:
                group[find(n)] = find(index[id(previous)])
    members: dict[int, list[Attribution]] = {}
    for n, a in enumerate(items):
        members.setdefault(find(n), []).append(a)
    relations = []
    for parts in members.values():
        start, end = min(p.content.start for p in parts), max(p.content.end for p in parts)
        relations.append(Attribution(
            kind=parts[0].kind if len(parts) == 1 else "direct",
            content=Span(start, end, record.text[start:end]),
            cue=next((p.cue for p in parts if p.cue), None),
            source=next((p.source for p in parts if p.source), None),
            speaker=next((p.speaker for p in parts if p.speaker), None),
            confidence=max(p.confidence for p in parts),
        ))
    return relations


# --------------------------------------------------------------------------- scoring


class _Text:
    """An article text with a prefix count of non-whitespace characters, for O(1) overlaps."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._solid = [0, *accumulate(0 if ch.isspace() else 1 for ch in text)]

    def clip(self, start: int, end: int) -> tuple[int, int]:
        n = len(self.text)
        return max(0, min(start, n)), max(0, min(end, n))

    def solid(self, start: int, end: int) -> int:
        """Non-whitespace characters in text[start:end]."""
        start, end = self.clip(start, end)
        return self._solid[end] - self._solid[start] if end > start else 0

    def overlap(self, a: tuple[int, int], b: tuple[int, int]) -> int:
        return self.solid(max(a[0], b[0]), min(a[1], b[1]))

    def normalise(self, start: int, end: int) -> tuple[int, int]:
        """Trim quotes, punctuation and whitespace from both ends; keep the span if nothing is left."""
        start, end = self.clip(start, end)
        s, e = start, end
        while s < e and (self.text[s] in _TRIM or self.text[s].isspace()):
            s += 1
        while e > s and (self.text[e - 1] in _TRIM or self.text[e - 1].isspace()):
            e -= 1
        return (s, e) if e > s else (start, end)


def _outer(pieces: Pieces) -> tuple[int, int]:
    return min(s for s, _ in pieces), max(e for _, e in pieces)


def _prf(tp: int, gold: int, pred: int) -> dict[str, Any]:
    precision = tp / pred if pred else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "gold": gold, "pred": pred}


def _greedy(pairs: Iterable[tuple[tuple, int, int]]) -> int:
    """One-to-one greedy matching over (key, gold index, pred index); best key first."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, g, p in sorted(pairs, key=lambda pair: (tuple(-k for k in pair[0]), pair[1], pair[2])):
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
    return len(used_gold)


def _scored(predictions: Iterable[Attribution]) -> list[Attribution]:
    return [a for a in predictions if a.kind in SCORED_KINDS]


def _span_sets(
    text: _Text, gold: list[GoldAttribution], predicted: list[Attribution], role: str
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Distinct normalised spans of one role: gold by outer extent, predictions as given."""
    gold_spans = {
        text.normalise(*_outer(pieces)) for g in gold if (pieces := getattr(g, role))
    }
    pred_spans = {
        text.normalise(span.start, span.end)
        for a in predicted
        if (span := getattr(a, role)) is not None and span.end > span.start
    }
    return sorted(gold_spans), sorted(pred_spans)


def _overlap_matches(text: _Text, gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> int:
    """Greedy one-to-one matches by shared non-whitespace characters; ties favour tighter pairs."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            shared = text.overlap(g, p)
            if shared:
                pairs.append(((shared, -((g[1] - g[0]) + (p[1] - p[0]))), gi, pi))
    return _greedy(pairs)


def _pieces_overlap(text: _Text, pieces: Pieces, span: tuple[int, int]) -> int:
    return sum(text.overlap(piece, span) for piece in pieces)


def _clip_pieces(pieces: Pieces, bounds: tuple[int, int]) -> Pieces:
    clipped = [(max(s, bounds[0]), min(e, bounds[1])) for s, e in pieces]
    return [(s, e) for s, e in clipped if e > s]


def _attribution_matches(text: _Text, gold: list[GoldAttribution], predicted: list[Attribution]) -> int:
    """Greedy one-to-one matching of relations: content coverage ≥ 50%, source overlap if gold has one."""
    pairs = []
    for gi, g in enumerate(gold):
        # Trim the gold content's ends like span-level exact, so quote marks don't count.
        content = _clip_pieces(g.content, text.normalise(*_outer(g.content))) or g.content
        content_size = sum(text.solid(s, e) for s, e in content)
        if not content_size:
            continue
        for pi, p in enumerate(predicted):
            if p.content is None or p.content.end <= p.content.start:
                continue
            coverage = _pieces_overlap(text, content, text.normalise(p.content.start, p.content.end))
            ratio = coverage / content_size
            if ratio < CONTENT_OVERLAP_MIN:
                continue
            source_shared = 0
            if g.source:
                if p.source is None:
                    continue
                source_shared = _pieces_overlap(text, g.source, (p.source.start, p.source.end))
                if not source_shared:
                    continue
            cue_shared = (
                _pieces_overlap(text, g.cue, (p.cue.start, p.cue.end)) if g.cue and p.cue else 0
            )
            pairs.append(((ratio, source_shared, cue_shared), gi, pi))
    return _greedy(pairs)


def score(gold: list[GoldArticle], predicted: dict[str, list[Attribution]]) -> dict[str, Any]:
    """Score predictions (article name → Attributions) against gold; see the module docstring.

    Returns ``{"articles", "exact": {role: prf}, "overlap": {role: prf},
    "attribution": prf}`` where prf is ``{"precision", "recall", "f1", "tp",
    "gold", "pred"}``. Predictions for articles not in ``gold`` are ignored; a
    gold article without predictions counts as predicting nothing.
    """
    counts = {
        mode: {role: {"tp": 0, "gold": 0, "pred": 0} for role in ROLES} for mode in ("exact", "overlap")
    }
    relation = {"tp": 0, "gold": 0, "pred": 0}
    for article in gold:
        text = _Text(article.text)
        preds = _scored(predicted.get(article.name, []))
        for role in ROLES:
            gold_spans, pred_spans = _span_sets(text, article.attributions, preds, role)
            exact_tp = len(set(gold_spans) & set(pred_spans))
            overlap_tp = _overlap_matches(text, gold_spans, pred_spans)
            for mode, tp in (("exact", exact_tp), ("overlap", overlap_tp)):
                counts[mode][role]["tp"] += tp
                counts[mode][role]["gold"] += len(gold_spans)
                counts[mode][role]["pred"] += len(pred_spans)
        relation["tp"] += _attribution_matches(text, article.attributions, preds)
        relation["gold"] += len(article.attributions)
        relation["pred"] += len(preds)
    result: dict[str, Any] = {"articles": len(gold)}
    for mode, roles in counts.items():
        result[mode] = {role: _prf(**c) for role, c in roles.items()}
    result["attribution"] = _prf(**relation)
    return result


def evaluate(
    root: Path,
    split: str,
    extract_fn: Callable[[str], list[Attribution]],
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Run ``extract_fn`` on each article of a split and score it.

    An article whose extraction raises is scored as predicting nothing and
    counted in ``errors`` (names in ``error_articles``): one bad article
    shouldn't sink a whole evaluation run, but it must show in the report.
    ``progress(done, total)`` is called after each article.
    """
    articles = load_split(root, split, limit)
    predicted: dict[str, list[Attribution]] = {}
    failed: list[str] = []
    for done, article in enumerate(articles, start=1):
        try:
            predicted[article.name] = list(extract_fn(article.text))
        except Exception:  # noqa: BLE001 - any extractor failure is recorded, not fatal
            failed.append(article.name)
        if progress is not None:
            progress(done, len(articles))
    result = score(articles, predicted)
    result["errors"] = len(failed)
    result["error_articles"] = failed
    return result


def format_report(scores: dict[str, Any]) -> str:
    """Render scores as a markdown table (P, R, F1 as percentages) with totals."""
    rows: list[tuple[str, dict[str, Any]]] = []
    for mode in ("exact", "overlap"):
        rows += [(f"{role} {mode}", scores[mode][role]) for role in ROLES]
    rows.append(("attribution", scores["attribution"]))
    lines = [
        "| metric | P | R | F1 | gold | pred |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, m in rows:
        lines.append(
            f"| {label} | {100 * m['precision']:.1f} | {100 * m['recall']:.1f} | "
            f"{100 * m['f1']:.1f} | {m['gold']} | {m['pred']} |"
        )
    footer = f"\narticles: {scores.get('articles', 0)}"
    if "errors" in scores:
        footer += f", extraction errors: {scores['errors']}"
    return "\n".join(lines) + "\n" + footer + "\n"
