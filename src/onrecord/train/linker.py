"""Train and cross-validate the argument linker (``onrecord.events.linker``) on
PLV_train's marked pairs.

Each PLV_train sentence holds one event with a marked <s>source</s> and
<t>target</t>. Its parse gives the trigger candidates (``find_triggers``, the
detector off); the event's trigger is the candidate of the gold PLOVER root that
governs a marked span (as ``onrecord.train.detector`` picks PLV positives), the
one closest to the marked spans when several do. Every actor candidate of the
sentence (``onrecord.events.linker.candidates``) is one example, labelled
source / target by whether it is the syntactic head of the marked span, none
otherwise.

Scores (``compare``) are span-level and the same for both systems: a predicted
argument is right when its head lies inside the marked span of its role; a marked
span is found when a predicted argument of its role lies inside it; an event has
"both right" when it has at least one source and one target and every predicted
source and target lies in its marked span. Folds are grouped by sentence.
scikit-learn fits the weights; scoring at run time needs numpy only.
"""
from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import DataNotFoundError, MissingDependencyError
from ..events.linker import ROLES, Linker, candidates, features, in_reach, rule_role
from ..events import triggers as _triggers
from ..schema import plv_root

CACHE = Path("/tmp/onrecord_linker_plv.spacy")
C_DEFAULT = 1.0  # fixed before looking at any score


@contextmanager
def rules_only() -> Iterator[None]:
    """The triggers' arguments as the dependency rules alone give them: the linker's
    fallback (``triggers.LINKER_FALLBACK``) off, so that "the rules" are the rules and
    no shipped weights leak into training or scoring."""
    saved = _triggers.LINKER_FALLBACK
    _triggers.LINKER_FALLBACK = False
    try:
        yield
    finally:
        _triggers.LINKER_FALLBACK = saved


def find_triggers(sent):
    with rules_only():
        return _triggers.find_triggers(sent)


@dataclass
class Example:
    cand: int  # the candidate's token index
    features: list[str]
    label: str  # one of ROLES
    rule: str  # what the rules made of it
    reach: bool = True  # in the trigger's own clause (events.linker.in_reach): the fallback takes only these


@dataclass
class Event:
    sentence: int  # PLV row: the group of grouped cross-validation
    gold_type: str
    trigger: int
    source: tuple[int, int] | None  # marked char spans
    target: tuple[int, int] | None
    examples: list[Example] = field(default_factory=list)
    cand_idx: dict[int, tuple[int, int]] = field(default_factory=dict)  # candidate token -> char span of its token
    group: str = "plv"  # the event set's article (grouped cross-validation)
    split: str = "plv"  # the event set's split


def parse_all(plv: Path, cache: Path = CACHE) -> tuple[list, list[dict]]:
    """(docs, PLV rows); the parses are cached in ``cache`` (spaCy DocBin)."""
    import spacy
    from spacy.tokens import DocBin

    from ..pipeline import default_model
    from .plover import parse_marked

    with plv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for r in rows:
        r["text"], r["source_span"], r["target_span"] = parse_marked(r["marked_sentence"])
    nlp = spacy.load(default_model())
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(rows) and all(d.text == r["text"] for d, r in zip(docs, rows)):
            return docs, rows
    docs = list(nlp.pipe([r["text"] for r in rows], batch_size=64))
    DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "POS", "MORPH", "SENT_START"],
           docs=docs).to_disk(cache)
    return docs, rows


def _root(doc, span):
    found = doc.char_span(*span, alignment_mode="expand") if span else None
    return found.root if found is not None and len(found) else None


def _distance(a, b) -> int:
    """Arcs between two tokens of one tree."""
    up_a = [a] + list(a.ancestors)
    up_b = [b.i] + [t.i for t in b.ancestors]
    for k, t in enumerate(up_a):
        if t.i in up_b:
            return k + up_b.index(t.i)
    return 99


def event_trigger(doc, row: dict):
    """(sentence, Trigger, of the gold root) of the marked event: the candidate that
    governs a marked span, closest to the marked spans, one of the gold root first
    (the lexicon's type may be wrong where the trigger is right); None when no
    candidate governs a marked span."""
    roots = [r for r in (_root(doc, row["source_span"]), _root(doc, row["target_span"])) if r is not None]
    best = None
    for sent in doc.sents:
        for trig in find_triggers(sent):
            tok = doc[trig.token]
            if not any(tok in r.ancestors for r in roots):
                continue
            typed = plv_root(trig.type) == row["gold_root"]
            key = (not typed, sum(_distance(tok, r) for r in roots))
            if best is None or key < best[0]:
                best = (key, sent, trig, typed)
    return None if best is None else best[1:]


def _label(cand, source_root, target_root) -> str:
    if source_root is not None and cand.i == source_root.i:
        return "source"
    if target_root is not None and cand.i == target_root.i:
        return "target"
    return "none"


def build_events(docs, rows) -> tuple[list[Event], Counter]:
    """The events with their labelled candidates, and counts of what was dropped."""
    events, counts = [], Counter()
    for k, (doc, row) in enumerate(zip(docs, rows)):
        found = event_trigger(doc, row)
        if found is None:
            counts["no governing trigger"] += 1
            continue
        sent, trig, typed = found
        counts["trigger of the gold root" if typed else "trigger of another type"] += 1
        trigger = doc[trig.token]
        s_root, t_root = _root(doc, row["source_span"]), _root(doc, row["target_span"])
        ev = Event(k, row["gold_root"], trig.token, row["source_span"], row["target_span"])
        for cand in candidates(sent, trig.sources + trig.targets):
            if cand.i == trigger.i:
                continue
            rule = rule_role(cand, trig.sources, trig.targets)
            ev.examples.append(Example(cand.i, features(trigger, cand, trig.type, rule), _label(cand, s_root, t_root),
                                       rule, in_reach(trigger, cand)))
            ev.cand_idx[cand.i] = (cand.idx, cand.idx + len(cand.text))
        labels = {e.label for e in ev.examples}
        counts["source head among candidates"] += "source" in labels
        counts["target head among candidates"] += "target" in labels
        events.append(ev)
    return events, counts


def summary(events: list[Event], counts: Counter, n_rows: int) -> dict:
    labels = Counter(e.label for ev in events for e in ev.examples)
    rules = Counter(e.rule for ev in events for e in ev.examples)
    return {"sentences": n_rows, "events": len(events), **dict(counts),
            "examples": sum(labels.values()), "labels": dict(labels), "rule_roles": dict(rules)}


# --------------------------------------------------------------------------- fitting

def fit(examples: list[Example], c: float = C_DEFAULT, weights: list[float] | None = None) -> Linker:
    """A multinomial L2 logistic regression (``weights``: one per example, default 1)."""
    try:
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise MissingDependencyError("training the argument linker needs scikit-learn: pip install 'onrecord[train]'") from None
    vocabulary: dict[str, int] = {}
    for e in examples:
        for f in e.features:
            vocabulary.setdefault(f, len(vocabulary))
    data, indices, indptr = [], [], [0]
    for e in examples:
        cols = sorted({vocabulary[f] for f in e.features})
        indices += cols
        data += [1.0] * len(cols)
        indptr.append(len(indices))
    x = csr_matrix((data, indices, indptr), shape=(len(examples), len(vocabulary)))
    y = np.array([ROLES.index(e.label) for e in examples])
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, y, sample_weight=None if weights is None else np.asarray(weights, dtype=float))
    if list(model.classes_) != list(range(len(ROLES))):
        raise ValueError(f"training examples lack a role: classes {model.classes_}")
    return Linker(vocabulary, model.coef_.astype(np.float64), model.intercept_.astype(np.float64))


def predict(model: Linker, ev: Event) -> list[str]:
    return [ROLES[int(np.argmax(model.probabilities(e.features)))] for e in ev.examples]


def _inside(span: tuple[int, int], gold: tuple[int, int] | None) -> bool:
    return gold is not None and gold[0] <= span[0] and span[1] <= gold[1]


def score(events: list[Event], predictions: list[list[str]]) -> dict:
    """Span-level precision / recall / F1 per role and the share of events with both right."""
    tally = {r: Counter() for r in ("source", "target")}
    both = 0
    for ev, pred in zip(events, predictions):
        right = {}
        for role, gold in (("source", ev.source), ("target", ev.target)):
            spans = [ev.cand_idx[e.cand] for e, p in zip(ev.examples, pred) if p == role]
            hits = [_inside(s, gold) for s in spans]
            tally[role]["predicted"] += len(spans)
            tally[role]["correct"] += sum(hits)
            tally[role]["gold"] += gold is not None
            tally[role]["found"] += any(hits)
            right[role] = bool(spans) and all(hits)
        both += right["source"] and right["target"]
    out = {}
    for role, t in tally.items():
        p = t["correct"] / t["predicted"] if t["predicted"] else 0.0
        r = t["found"] / t["gold"] if t["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[role] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), **dict(t)}
    out["both_right"] = round(both / len(events), 3) if events else 0.0
    out["events"] = len(events)
    return out


def cross_validate(events: list[Event], folds: int = 5, c: float = C_DEFAULT, seed: int = 0) -> dict:
    """Grouped k-fold (one group a sentence; one event a sentence): the linker's
    out-of-fold predictions against the rules' on the same triggers and candidates."""
    order = np.random.default_rng(seed).permutation(len(events))
    fold_of = {int(i): k % folds for k, i in enumerate(order)}
    linker_pred: list[list[str]] = [[] for _ in events]
    for f in range(folds):
        train = [e for i, ev in enumerate(events) if fold_of[i] != f for e in ev.examples]
        model = fit(train, c)
        for i, ev in enumerate(events):
            if fold_of[i] == f:
                linker_pred[i] = predict(model, ev)
    rules_pred = [[e.rule for e in ev.examples] for ev in events]
    return {"rules": score(events, rules_pred), "linker": score(events, linker_pred),
            **{k: score(events, v) for k, v in _fallbacks(events, rules_pred, linker_pred).items()},
            "folds": folds, "c": c}


def _fallback(rules: list[str], linker: list[str], reach: list[bool] | None = None) -> list[str]:
    """The rules' roles, with the linker's for a role the rules left empty (only on
    candidates in reach, when ``reach`` is given: as ``events.linker.fill_missing``)."""
    out = list(rules)
    reach = reach or [True] * len(rules)
    for role in ("source", "target"):
        if role not in rules:
            out = [role if lk == role and o == "none" and ok else o for o, lk, ok in zip(out, linker, reach)]
    return out


def _fallbacks(events: list[Event], rules: list[list[str]], linker: list[list[str]]) -> dict[str, list[list[str]]]:
    return {"rules_then_linker": [_fallback(r, lk) for r, lk in zip(rules, linker)],
            "rules_then_linker_in_reach": [_fallback(r, lk, [e.reach for e in ev.examples])
                                           for ev, r, lk in zip(events, rules, linker)]}


# --------------------------------------------------------------------------- the event set

EVENT_SET_SPLITS = ("dev", "train")  # never the heldout half
EVENT_CACHE = Path("/tmp/onrecord_linker_eventset.spacy")


def event_set_events(gold_path: Path, shared: Path, cache: Path = EVENT_CACHE) -> tuple[list[Event], Counter]:
    """The event set's real events (dev and train splits only) as Events: the trigger
    candidate on the labelled trigger word, its candidates labelled by the labelled
    source and target mentions (a side without a mention in the trigger's sentence
    cannot be found by either system and is still counted in recall)."""
    import json

    import spacy
    from spacy.tokens import DocBin

    from ..evaluate.speakers import read_texts
    from ..pipeline import default_model, prepare_text

    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [g for g in gold if g["split"] in EVENT_SET_SPLITS and g["is_event"]]
    keys = sorted({(g["corpus"], g["article"]) for g in gold})

    @dataclass
    class _Key:
        corpus: str
        article: str

    texts = read_texts(shared, [_Key(*k) for k in keys])  # type: ignore[arg-type] - only corpus and article are read
    nlp = spacy.load(default_model())
    wanted = [prepare_text(texts[k][0]) for k in keys]
    docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab)) if cache.exists() else []
    if len(docs) != len(keys) or any(d.text != t for d, t in zip(docs, wanted)):
        docs = list(nlp.pipe(wanted, batch_size=4))
        DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "POS", "MORPH", "SENT_START"],
               docs=docs).to_disk(cache)
    by_key = dict(zip(keys, docs))
    events, counts = [], Counter()
    for n, g in enumerate(gold):
        doc = by_key[g["corpus"], g["article"]]
        span = doc.char_span(g["start"], g["end"], alignment_mode="expand")
        if span is None or not len(span):
            counts["trigger not aligned"] += 1
            continue
        found = [t for t in find_triggers(span.root.sent) if span.start <= t.token < span.end]
        if not found:
            counts["no trigger candidate on the labelled word"] += 1
            continue
        trig = found[0]
        trigger = doc[trig.token]
        sides = {}
        for role in ("source", "target"):
            a, b = g.get(f"{role}_start"), g.get(f"{role}_end")
            sides[role] = (a, b) if a is not None and b is not None else None
        roots = {role: _root(doc, s) for role, s in sides.items()}
        ev = Event(n, g["type"], trig.token, sides["source"], sides["target"], group=f"{g['corpus']}/{g['article']}",
                   split=g["split"])
        for cand in candidates(trigger.sent, trig.sources + trig.targets):
            if cand.i == trigger.i:
                continue
            rule = rule_role(cand, trig.sources, trig.targets)
            ev.examples.append(Example(cand.i, features(trigger, cand, trig.type, rule),
                                       _label(cand, roots["source"], roots["target"]), rule, in_reach(trigger, cand)))
            ev.cand_idx[cand.i] = (cand.idx, cand.idx + len(cand.text))
        counts["events"] += 1
        events.append(ev)
    return events, counts


def compare_on(events: list[Event], model: Linker) -> dict:
    """Rules, linker and rules-then-linker on events the model was not trained on."""
    rules_pred = [[e.rule for e in ev.examples] for ev in events]
    linker_pred = [predict(model, ev) for ev in events]
    return {"rules": score(events, rules_pred), "linker": score(events, linker_pred),
            **{k: score(events, v) for k, v in _fallbacks(events, rules_pred, linker_pred).items()}}


def cross_validate_event_set(events: list[Event], plv: list[Event], folds: int = 5, c: float = C_DEFAULT,
                             seed: int = 0, weight: float = 1.0) -> dict:
    """Grouped k-fold over the event set's articles: each fold's linker is fit on every
    PLV event and the other folds' event-set events, and scored on its own articles.
    Event-set examples weigh ``weight`` against PLV's 1 (news is the domain the linker
    would run on). Also reported: each split's events alone (out of fold as well)."""
    groups = sorted({ev.group for ev in events})
    order = np.random.default_rng(seed).permutation(len(groups))
    fold_of = {groups[int(i)]: k % folds for k, i in enumerate(order)}
    plv_examples = [e for ev in plv for e in ev.examples]
    linker_pred: list[list[str]] = [[] for _ in events]
    for f in range(folds):
        news = [e for ev in events if fold_of[ev.group] != f for e in ev.examples]
        model = fit(plv_examples + news, c, [1.0] * len(plv_examples) + [weight] * len(news))
        for i, ev in enumerate(events):
            if fold_of[ev.group] == f:
                linker_pred[i] = predict(model, ev)
    rules_pred = [[e.rule for e in ev.examples] for ev in events]
    out = {}
    for name, keep in (("all", lambda ev: True), ("dev", lambda ev: ev.split == "dev"),
                       ("train", lambda ev: ev.split == "train")):
        idx = [i for i, ev in enumerate(events) if keep(ev)]
        evs = [events[i] for i in idx]
        rp, lp = [rules_pred[i] for i in idx], [linker_pred[i] for i in idx]
        out[name] = {"rules": score(evs, rp), "linker": score(evs, lp),
                     **{k: score(evs, v) for k, v in _fallbacks(evs, rp, lp).items()}}
    return {**out, "folds": folds, "c": c, "weight": weight, "articles": len(groups)}


# --------------------------------------------------------------------------- the shipped recipe

def train(shared: Path, output: Path, gold_path: Path, *, c: float = C_DEFAULT, news_weight: float = 1.0,
          log=print) -> Path:
    """The shipped linker: grouped 5-fold CV on PLV_train (linker against the rules), a
    PLV-only fit scored on the event set's dev and train events, grouped CV over those
    articles with PLV in every fold, then one fit on every PLV and event-set example
    (news weighing ``news_weight``), saved with all those numbers in linker.json."""
    plv = shared / "plover" / "train" / "PLV_train.tsv"
    if not plv.is_file():
        raise DataNotFoundError(f"PLV_train not found at {plv} (SHARED is the folder that holds plover/)")
    log("parsing PLV_train (cached in /tmp)")
    docs, rows = parse_all(plv)
    events, counts = build_events(docs, rows)
    info = summary(events, counts, len(rows))
    log(f"{info['events']} PLV events, {info['examples']} examples; cross-validating")
    result: dict = {"plv_cv": cross_validate(events, c=c)}
    plv_x = [e for ev in events for e in ev.examples]
    log("parsing the event set's dev and train articles (cached in /tmp)")
    es_events, _ = event_set_events(gold_path, shared)
    result["event_set"] = compare_on(es_events, fit(plv_x, c))
    log(f"{len(es_events)} event-set events; cross-validating over their articles")
    result["event_set_cv"] = cross_validate_event_set(es_events, events, c=c, weight=news_weight)
    news_x = [e for ev in es_events for e in ev.examples]
    model = fit(plv_x + news_x, c, [1.0] * len(plv_x) + [news_weight] * len(news_x))
    result["fit_on"] = {"plv_examples": len(plv_x), "event_set_examples": len(news_x), "news_weight": news_weight}
    for name, scores in (("plv_cv", result["plv_cv"]), ("event_set_cv", result["event_set_cv"]["all"])):
        log(f"{name}: rules both right {scores['rules']['both_right']:.3f}, "
            f"rules then linker (shipped wiring) {scores['rules_then_linker_in_reach']['both_right']:.3f}")
    return model.save(output, {"trained_on": plv.name, "c": c, "examples": info, **result})
