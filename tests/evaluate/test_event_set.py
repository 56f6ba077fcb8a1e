"""Scoring against the blind event set, on a made-up article (no model needed)."""
import json

from onrecord.evaluate import events as ev
from onrecord.schema import Actor, Article, Entity, Event, Record, Span

TEXT = "Varnia sent tanks to Ostrel. The team attacked the problem. Varnia did not arrest anyone."


def _span(fragment):
    at = TEXT.index(fragment)
    return Span(at, at + len(fragment), fragment)


def _gold(fragment, is_event, **extra):
    s = _span(fragment)
    return {"corpus": "wikinews", "article": "a1", "split": "heldout", "start": s.start, "end": s.end,
            "trigger": fragment, "is_event": is_event, **extra}


def _setup(tmp_path, items):
    shared = tmp_path / "shared"
    (shared / "wikinews").mkdir(parents=True)
    (shared / "wikinews" / "enwikinews.jsonl").write_text(json.dumps({"id": "a1", "text": TEXT, "date": None}) + "\n")
    gold = tmp_path / "events.jsonl"
    gold.write_text("".join(json.dumps(i) + "\n" for i in items))
    return gold, shared


def _record(events):
    entities = [Entity("e1", "Varnia", "GPE", actor=Actor("VAR")), Entity("e2", "Ostrel", "GPE", actor=Actor("OST"))]
    return Record(text=TEXT, article=Article(), entities=entities, events=events)


def _event(fragment, type_, source=(), target=(), factuality="asserted"):
    return Event(type=type_, trigger=_span(fragment), sentence=_span(fragment), factuality=factuality,
                 source=list(source), target=list(target))


def test_precision_recall_and_all_four(tmp_path):
    gold, shared = _setup(tmp_path, [
        _gold("sent", True, type="AID", source="Varnia", source_code="VAR", target="Ostrel", target_code="OST",
              factuality="asserted"),
        _gold("attacked", False, reason="metaphor"),
        _gold("arrest", True, type="COERCE", source="Varnia", factuality="negated"),
    ])
    predicted = [
        _event("sent", "AID", ["e1"], ["e2"]),            # all four right
        _event("attacked", "ASSAULT"),                    # a non-event fired
        _event("arrest", "COERCE", ["e1"], [], "asserted"),  # right type, wrong factuality
    ]
    s = ev.evaluate(gold, shared, lambda text, d: _record(predicted), split="heldout")
    assert (s["predicted"], s["real_events"], s["non_event_candidates"]) == (3, 2, 1)
    assert s["precision"] == round(2 / 3, 3)
    assert s["recall"] == 1.0
    assert s["all_four_right"] == 0.5
    assert s["non_events_fired"] == 1.0


def test_an_unlisted_prediction_counts_against_precision_and_dev_is_not_heldout(tmp_path):
    gold, shared = _setup(tmp_path, [_gold("sent", True, type="AID", source="Varnia", target="Ostrel",
                                           factuality="asserted")])
    s = ev.evaluate(gold, shared, lambda text, d: _record([_event("Ostrel", "AID")]), split="heldout")
    assert s["precision"] == 0.0 and s["recall"] == 0.0 and s["unlisted_predictions"] == 1
    assert ev.evaluate(gold, shared, lambda text, d: _record([]), split="dev")["articles"] == 0
