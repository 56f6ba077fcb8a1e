"""Scoring against the blind date set, on a made-up article (no model needed)."""
import json

from onrecord.evaluate import dates as ev
from onrecord.schema import Article, DateMention, Record

TEXT = "On Tuesday the council met. It had met for three years. In 2019 it moved."


def _item(fragment, type_, value, article="vat-1"):
    at = TEXT.index(fragment)
    return {"article": article, "split": "heldout", "start": at, "end": at + len(fragment), "text": fragment,
            "type": type_, "value": value, "anchor": "2020-01-09"}


def _mention(fragment, value):
    at = TEXT.index(fragment)
    return DateMention(at, at + len(fragment), fragment, value)


def test_found_values_and_durations_left_out(tmp_path):
    (tmp_path / "wikinews").mkdir()
    (tmp_path / "wikinews" / "enwikinews.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": TEXT, "date": "2020-01-09"}) + "\n" for i in ("vat-1", "meantime-1")))
    gold = tmp_path / "dates.jsonl"
    gold.write_text("".join(json.dumps(i) + "\n" for i in [
        _item("Tuesday", "DATE", "2020-01-07"), _item("three years", "DURATION", "P3Y"), _item("2019", "DATE", "2019"),
        _item("Tuesday", "DATE", "2020-01-07", "meantime-1")]))
    predicted = [_mention("Tuesday", "2020-01-07"), _mention("three years", None), _mention("2019", "2018")]
    run = lambda text, d: Record(text=TEXT, article=Article(), dates=predicted)  # noqa: E731
    s = ev.evaluate(gold, tmp_path, run, split="heldout")
    # vat-1: two dates found (the duration is left out); meantime-1 lists one date, so its other two
    # predictions count against precision.
    assert (s["gold_dates"], s["predicted"], s["precision"], s["recall"]) == (3, 5, 0.6, 1.0)
    assert s["value_right_of_found"] == round(2 / 3, 3)  # 2019 was predicted as 2018
    unseen = ev.evaluate(gold, tmp_path, run, split="heldout", subset="unseen")
    assert (unseen["articles"], unseen["gold_dates"]) == (1, 2)
