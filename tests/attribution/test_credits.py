"""Bylines, photo credits and agency datelines are never a source or content (made-up text)."""
from record_helpers import find, speech

ARTICLE = """By Marta Kowalczyk

LISBON (Wire Agency) - The finance minister said on Monday that the budget would be balanced by 2027.

Photo: Jonas Berglund

“We have done the hard work,” the minister said.

Jonas Berglund / Nordic Press

“The deficit is gone,” said Rui Matos, the treasury secretary.

By the end of the year, she said, the deficit will be gone.
"""

CREDITS = ("Marta Kowalczyk", "Jonas Berglund", "Nordic Press", "Wire Agency", "Photo")


def test_credit_lines_are_never_sources_or_contents(extract):
    rec = extract(ARTICLE)
    for a in speech(rec):
        for credit in CREDITS:
            assert a.source is None or credit not in a.source.text, (credit, a.source.text)
            assert credit not in a.content.text, (credit, a.content.text)


def test_cue_keeps_its_subject_after_a_photo_credit_line(extract):
    # The parser glues "Photo: Jonas Berglund" onto the next sentence as a second subject of "said".
    rec = extract(ARTICLE)
    a = find(rec, "We have done the hard work")
    assert a.source is not None and a.source.text == "the minister"


def test_dateline_is_not_part_of_the_source(extract):
    rec = extract(ARTICLE)
    a = find(rec, "the budget would be balanced")
    assert a.source.text == "The finance minister"


def test_a_sentence_opening_with_by_is_not_a_byline(extract):
    rec = extract(ARTICLE)
    a = find(rec, "the deficit will be gone")
    assert a.source.text == "she" and a.content.text.startswith("By the end of the year")


def test_credit_spans_find_each_kind(nlp):
    from onrecord.attribution.credits import credit_spans

    doc = nlp(ARTICLE)
    found = [doc[s:e].text.strip() for s, e in credit_spans(doc)]
    assert found == ["By Marta Kowalczyk", "LISBON (Wire Agency) -", "Photo: Jonas Berglund", "Jonas Berglund / Nordic Press"]
