"""Tests for the PolNeAR loader and scorer, on small brat files written here."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import DataNotFoundError
from onrecord.evaluate.polnear import (
    GoldArticle,
    GoldAttribution,
    evaluate,
    format_report,
    gold_as_attributions,
    load_split,
    parse_ann,
    score,
)
from onrecord.schema import Attribution, Span

TEXT = (
    'Smith said: "Taxes will rise." Jones claimed that costs fell, and wages rose. '
    "It is believed that rain helps."
)


def at(needle: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def span(needle: str, text: str = TEXT) -> Span:
    start, end = at(needle, text)
    return Span(start, end, needle)


def offsets(*needles: str) -> str:
    return ";".join("%d %d" % at(n) for n in needles)


# Gold: R1 Smith/said/"Taxes will rise." ; R2 Jones/claimed/discontinuous content ;
# R3 no source, believed/that rain helps. Plus lines that must be ignored:
# a Discard span, an unlinked Source, and a T text running over two lines.
ANN = "\n".join(
    [
        f"T1\tSource {offsets('Smith')}\tSmith",
        f"T2\tCue {offsets('said')}\tsaid",
        f"T3\tContent {offsets(chr(34) + 'Taxes will rise.' + chr(34))}\t\"Taxes will rise.\"",
        f"T4\tAttribution {offsets('said')}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {offsets('Jones')}\tJones",
        f"T6\tCue {offsets('claimed')}\tclaimed",
        f"T7\tContent {offsets('that costs fell', 'wages rose')}\tthat costs fell wages rose",
        f"T8\tAttribution {offsets('claimed')}\tclaimed",
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        f"T9\tCue {offsets('believed')}\tbelieved",
        f"T10\tContent {offsets('that rain helps')}\tthat rain",
        "helps",  # continuation of T10's text
        f"T11\tAttribution-no-source {offsets('believed')}\tbelieved",
        "E3\tAttribution-no-source:T11 Cue:T9 Content:T10 ",
        f"T12\tDiscard {offsets('It is')}\tIt is",
        f"T13\tSource {offsets('It')}\tIt",
        "",
    ]
)

PREDICTED = [
    # exact on all three roles once quotes/punctuation are trimmed
    Attribution("direct", span("Taxes will rise"), span("said"), span("Smith")),
    # source overlaps only; content covers 13 of 22 gold characters (>= 50%)
    Attribution("indirect", span("that costs fell"), span("claimed"), span("Jones claimed")),
    # content covers 4 of 13 gold characters (< 50%); gold has no source, prediction does
    Attribution("indirect", span("rain"), span("is believed"), span("It")),
    # kind 'title' is never scored
    Attribution("title", span("Taxes"), None, span("Smith")),
    # a second, smaller piece of R2's content: 9 of 22 characters, no match
    Attribution("direct", span("wages rose")),
]


def write_corpus(root: Path, split: str = "dev", metadata: str | None = None) -> None:
    (root / split / "text").mkdir(parents=True)
    (root / split / "attributions").mkdir(parents=True)
    (root / split / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (root / split / "attributions" / "a1_x1.ann").write_text(ANN, encoding="utf-8")
    if metadata is not None:
        (root / "metadata.tsv").write_text(metadata, encoding="utf-8")


@pytest.fixture
def gold(tmp_path: Path) -> list[GoldArticle]:
    write_corpus(tmp_path)
    return load_split(tmp_path, "dev")


def test_parse_keeps_only_linked_relations(gold: list[GoldArticle]) -> None:
    (article,) = gold
    assert article.name == "a1" and article.text == TEXT and article.annotator == "x1"
    r1, r2, r3 = article.attributions
    assert r1 == GoldAttribution([at("Smith")], [at("said")], [at('"Taxes will rise."')])
    assert r2.content == [at("that costs fell"), at("wages rose")]
    assert r3.source is None and r3.cue == [at("believed")] and r3.content == [at("that rain helps")]


def test_parse_merges_content2_and_drops_duplicates_and_contentless() -> None:
    ann = "\n".join(
        [
            "T1\tSource 0 5\tSmith",
            "T2\tCue 6 10\tsaid",
            "T3\tContent 12 20\tx",
            "T4\tContent 25 30\ty",
            "E1\tAttribution:T9 Source:T1 Cue:T2 Content:T3 Content2:T4",
            "E2\tAttribution:T9 Source:T1 Cue:T2 Content:T3 Content2:T4",
            "E3\tAttribution-no-source:T9 ",
        ]
    )
    assert parse_ann(ann) == [GoldAttribution([(0, 5)], [(6, 10)], [(12, 20), (25, 30)])]


def test_score_hand_computed(gold: list[GoldArticle]) -> None:
    s = score(gold, {"a1": PREDICTED, "unknown": PREDICTED})
    assert s["articles"] == 1

    def check(m: dict, tp: int, g: int, p: int, precision: float, recall: float, f1: float) -> None:
        assert (m["tp"], m["gold"], m["pred"]) == (tp, g, p)
        assert m["precision"] == pytest.approx(precision)
        assert m["recall"] == pytest.approx(recall)
        assert m["f1"] == pytest.approx(f1)

    # sources: gold {Smith, Jones}; pred {Smith, "Jones claimed", It}
    check(s["exact"]["source"], 1, 2, 3, 1 / 3, 1 / 2, 0.4)
    check(s["overlap"]["source"], 2, 2, 3, 2 / 3, 1.0, 0.8)
    # cues: gold {said, claimed, believed}; pred {said, claimed, "is believed"}
    check(s["exact"]["cue"], 2, 3, 3, 2 / 3, 2 / 3, 2 / 3)
    check(s["overlap"]["cue"], 3, 3, 3, 1.0, 1.0, 1.0)
    # contents: gold 3 (R2 by outer extent); pred 4 distinct; one-to-one, so
    # "wages rose" can't also claim R2 once "that costs fell" has it
    check(s["exact"]["content"], 1, 3, 4, 1 / 4, 1 / 3, 2 / 7)
    check(s["overlap"]["content"], 3, 3, 4, 3 / 4, 1.0, 6 / 7)
    # relations: R1 and R2 matched; R3 content under 50%
    check(s["attribution"], 2, 3, 4, 1 / 2, 2 / 3, 4 / 7)


def test_attribution_needs_source_overlap_when_gold_has_one(gold: list[GoldArticle]) -> None:
    wrong_source = Attribution("direct", span("Taxes will rise"), span("said"), span("Jones"))
    no_source = Attribution("direct", span("Taxes will rise"), span("said"))
    sourceless_gold = Attribution("indirect", span("that rain helps"))
    s = score(gold, {"a1": [wrong_source, no_source, sourceless_gold]})
    assert s["attribution"]["tp"] == 1  # only the gold without a source


def test_attribution_matching_is_one_to_one(gold: list[GoldArticle]) -> None:
    twice = [Attribution("direct", span("Taxes will rise"), span("said"), span("Smith"))] * 2
    s = score(gold, {"a1": twice})
    assert (s["attribution"]["tp"], s["attribution"]["pred"]) == (1, 2)
    # identical predicted spans count once at span level
    assert s["exact"]["source"]["pred"] == 1


def test_overlap_ties_prefer_the_tighter_pair() -> None:
    text = "Mr Smith said it."
    article = GoldArticle(
        "e", text, [GoldAttribution([(3, 8)], None, [(14, 16)]), GoldAttribution([(0, 2)], None, [(14, 16)])]
    )
    preds = [
        Attribution("indirect", Span(14, 16, "it"), None, Span(0, 8, "Mr Smith")),
        Attribution("indirect", Span(14, 16, "it"), None, Span(3, 8, "Smith")),
    ]
    # "Smith" shares 5 characters with both predictions; taking "Mr Smith" for it
    # would leave gold "Mr" unmatched
    assert score([article], {"e": preds})["overlap"]["source"]["tp"] == 2


def test_exact_keeps_span_that_trims_to_nothing() -> None:
    text = 'He said: "Yes."'
    article = GoldArticle("b", text, [GoldAttribution([(0, 2)], [(7, 8)], [(9, 15)])])
    colon = Attribution("direct", Span(10, 13, "Yes"), Span(7, 8, ":"), Span(0, 2, "He"))
    said = Attribution("direct", Span(10, 13, "Yes"), Span(3, 7, "said"), Span(0, 2, "He"))
    assert score([article], {"b": [colon]})["exact"]["cue"]["tp"] == 1
    assert score([article], {"b": [said]})["exact"]["cue"]["tp"] == 0
    assert score([article], {"b": [said]})["overlap"]["cue"]["tp"] == 0


def test_overlap_ignores_shared_whitespace_only() -> None:
    text = "ab cd"
    article = GoldArticle("c", text, [GoldAttribution(None, None, [(0, 5)])])
    blank = Attribution("indirect", Span(2, 3, " "))  # trims to nothing, so kept as is
    s = score([article], {"c": [blank]})
    assert (s["overlap"]["content"]["tp"], s["overlap"]["content"]["pred"]) == (0, 1)


def test_span_overlap_matching_is_one_to_one() -> None:
    text = "Ann and Bob said that it rained."
    article = GoldArticle(
        "d",
        text,
        [
            GoldAttribution([(0, 3)], [(12, 16)], [(17, 31)]),
            GoldAttribution([(8, 11)], [(12, 16)], [(17, 31)]),
        ],
    )
    both = Attribution(
        "indirect", Span(17, 31, "that it rained"), Span(12, 16, "said"), Span(0, 11, "Ann and Bob")
    )
    s = score([article], {"d": [both]})
    assert (s["overlap"]["source"]["tp"], s["overlap"]["source"]["gold"]) == (1, 2)
    # gold content and cue are shared by both relations, so counted once
    assert s["exact"]["content"]["gold"] == 1 and s["exact"]["cue"]["gold"] == 1
    # one prediction can match only one of the two relations
    assert (s["attribution"]["tp"], s["attribution"]["gold"], s["attribution"]["pred"]) == (1, 2, 1)


def test_no_predictions_scores_zero(gold: list[GoldArticle]) -> None:
    s = score(gold, {})
    assert s["attribution"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "gold": 3, "pred": 0}


def test_gold_against_itself_is_perfect(gold: list[GoldArticle]) -> None:
    s = score(gold, {"a1": gold_as_attributions(gold[0])})
    for mode in ("exact", "overlap"):
        for role in ("source", "cue", "content"):
            assert s[mode][role]["f1"] == 1.0
    assert s["attribution"]["f1"] == 1.0


def test_load_split_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="train, dev"):
        load_split(tmp_path, "test")
    with pytest.raises(DataNotFoundError, match="dev"):
        load_split(tmp_path / "nowhere", "dev")


def test_load_split_picks_first_listed_annotator(tmp_path: Path) -> None:
    metadata = "compartment\tfilename\tannotators\ndev\ta1\tx2|x1\n"
    write_corpus(tmp_path, metadata=metadata)
    (tmp_path / "dev" / "attributions" / "a1_x2.ann").write_text(
        "T1\tContent 0 5\tSmith\nT2\tCue 6 10\tsaid\nE1\tAttribution:T2 Cue:T2 Content:T1\n",
        encoding="utf-8",
    )
    (article,) = load_split(tmp_path, "dev")
    assert article.annotator == "x2" and len(article.attributions) == 1
    (tmp_path / "metadata.tsv").unlink()
    (article,) = load_split(tmp_path, "dev")
    assert article.annotator == "x1" and len(article.attributions) == 3


def test_load_split_limit_and_unannotated(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "dev" / "text" / "a0.txt").write_text("No annotations.", encoding="utf-8")
    (tmp_path / "dev" / "text" / "a2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a2_x1.ann").write_text(ANN, encoding="utf-8")
    assert [a.name for a in load_split(tmp_path, "dev")] == ["a1", "a2"]
    assert [a.name for a in load_split(tmp_path, "dev", limit=1)] == ["a1"]


def test_evaluate_counts_errors_and_reports_progress(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "dev" / "text" / "a2.txt").write_text("Boom. " + TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a2_x1.ann").write_text("", encoding="utf-8")

    def extract(text: str) -> list[Attribution]:
        if text.startswith("Boom"):
            raise RuntimeError("boom")
        return PREDICTED

    calls: list[tuple[int, int]] = []
    s = evaluate(tmp_path, "dev", extract, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    assert s["errors"] == 1 and s["error_articles"] == ["a2"]
    assert s["articles"] == 2 and s["attribution"]["tp"] == 2


def test_format_report(gold: list[GoldArticle]) -> None:
    report = format_report(score(gold, {"a1": PREDICTED}))
    assert "| metric | P | R | F1 | gold | pred |" in report
    assert "| source exact | 33.3 | 50.0 | 40.0 | 2 | 3 |" in report
    assert "| attribution | 50.0 | 66.7 | 57.1 | 3 | 4 |" in report
    labels = [line.split("|")[1].strip() for line in report.splitlines() if line.startswith("| ")]
    assert labels[1:] == [
        "source exact", "cue exact", "content exact",
        "source overlap", "cue overlap", "content overlap", "attribution",
    ]


POLNEAR = Path(__file__).resolve().parents[2].parent / "shared/data/polnear"
# F1 on the whole dev split (84 articles) when these were set, with the default
# pipeline, as `onrecord eval polnear ../shared/data/polnear --split dev` prints
# it: source/cue/content exact 68.8/63.9/52.8, overlap 72.3/71.9/74.0,
# attribution 63.0. Each floor sits just under its measure: a change that falls
# below one lost answers it used to get right.
MIN_DEV_F1 = {
    ("exact", "source"): 0.685, ("exact", "cue"): 0.635, ("exact", "content"): 0.525,
    ("overlap", "source"): 0.720, ("overlap", "cue"): 0.715, ("overlap", "content"): 0.735,
}
MIN_DEV_ATTRIBUTION_F1 = 0.625


@pytest.mark.slow
@pytest.mark.polnear
@pytest.mark.skipif(not POLNEAR.is_dir(), reason=f"PolNeAR not found at {POLNEAR}")
def test_real_dev_split_loads() -> None:
    articles = load_split(POLNEAR, "dev")
    assert len(articles) == 84
    assert sum(len(a.attributions) for a in articles) > 1500
    for article in articles:
        for g in article.attributions:
            for pieces in (g.source, g.cue, g.content):
                assert all(0 <= s < e <= len(article.text) for s, e in pieces or [])


@pytest.mark.slow
@pytest.mark.polnear
@pytest.mark.skipif(not POLNEAR.is_dir(), reason=f"PolNeAR not found at {POLNEAR}")
def test_real_dev_split_scores(nlp) -> None:
    from onrecord.evaluate.polnear import as_relations
    from onrecord import extract

    s = evaluate(POLNEAR, "dev", lambda text: as_relations(extract(text, nlp=nlp)))
    assert (s["articles"], s["errors"]) == (84, 0)
    below = {key: round(s[key[0]][key[1]]["f1"], 3) for key, floor in MIN_DEV_F1.items()
             if s[key[0]][key[1]]["f1"] < floor}
    assert not below, f"dev F1 fell below the pinned floors: {below}"
    assert s["attribution"]["f1"] >= MIN_DEV_ATTRIBUTION_F1, format_report(s)


def test_as_relations_regroups_split_quotes_and_same_paragraph_continuations():
    from onrecord.evaluate.polnear import as_relations
    from onrecord.schema import Article, Attribution, Record, Span

    text = "“A,” she said, “B.” “C.”\n\n“D.”"
    cue = Span(8, 12, "said")
    source = Span(5, 8, "she")

    def span(s: int, e: int) -> Span:
        return Span(s, e, text[s:e])

    record = Record(text, Article(), attributions=[
        Attribution("direct", span(1, 3), cue, source, "e1", 0.9),
        Attribution("direct", span(15, 17), cue, source, "e1", 0.9),
        Attribution("direct", span(20, 22), None, None, "e1", 0.55, continues=1),
        Attribution("direct", span(26, 28), None, None, "e1", 0.55, continues=2),
        Attribution("term", span(26, 28), None, None, None, 0.0),
    ])
    relations = sorted(as_relations(record), key=lambda a: a.content.start)
    assert [(r.content.start, r.content.end) for r in relations] == [(1, 22), (26, 28)]
    assert relations[0].cue == cue and relations[0].source == source
    assert relations[1].cue is None  # a new paragraph is a relation of its own
