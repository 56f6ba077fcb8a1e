"""The whole-article token facts read from spaCy's arrays agree with the
token-by-token definitions they replace, on text with every kind of break."""
from __future__ import annotations

import spacy

from onrecord.attribution.credits import credit_spans
from onrecord.tokens import doc_text, ends_line, line_ends, lines, paragraph_ids, token_starts

TEXTS = [
    "",
    "One line, no break.",
    "By Jane Doe\nPhoto: John Roe / Harbour Gazette\n\nLISBON (Reuters) - The minister said so.\n",
    "\n\nLeading breaks.  Two spaces.\n \n Space-wrapped break\r\nand a Windows one.",
    "Trailing break\n",
    "A\nB\nC",
]


def _docs():
    nlp = spacy.blank("en")
    return [nlp(text) for text in TEXTS]


def test_line_ends_match_ends_line():
    for doc in _docs():
        assert line_ends(doc) == [t.i for t in doc if ends_line(t)], doc.text


def test_paragraph_ids_count_the_line_ends_before_each_token():
    for doc in _docs():
        expected, current = [], 0
        for token in doc:
            expected.append(current)
            current += ends_line(token)
        assert paragraph_ids(doc) == expected, doc.text


def test_lines_cover_the_doc_in_order():
    for doc in _docs():
        spans = lines(doc)
        assert [i for s, e in spans for i in range(s, e)] == list(range(len(doc)))
        assert all(ends_line(doc[e - 1]) for s, e in spans[:-1])


def test_token_starts_and_text():
    for doc in _docs():
        assert token_starts(doc) == [t.idx for t in doc]
        assert doc_text(doc) == doc.text
        assert doc_text(doc) is doc_text(doc)  # built once


def test_doc_text_is_rebuilt_when_the_cached_text_does_not_fit():
    doc = spacy.blank("en")("Plain text here.")
    doc.user_data["onrecord.text"] = "stale"
    assert doc_text(doc) == "Plain text here."


def test_credit_spans_are_kept_with_the_doc_and_handed_out_as_copies():
    doc = _docs()[2]
    first = credit_spans(doc)
    assert first == [(0, 4), (4, 12), (12, 17)]
    first.append((99, 100))
    assert credit_spans(doc) == [(0, 4), (4, 12), (12, 17)]


def test_a_dateline_opening_a_long_paragraph_is_found():
    words = " ".join(["word"] * 40)
    doc = spacy.blank("en")(f"Headline\nOSLO (AP) — The minister said {words}.\nBy Jane Doe and John Roe, with help from {words}")
    spans = credit_spans(doc)
    assert spans == [(2, 7)]  # "OSLO ( AP ) —"; the long "By …" line is no byline
