"""The quote finder works on marks alone: no model needed."""
from onrecord.attribution.quotes import find_quotes


def inner(text: str) -> list[str]:
    return [text[q.inner_start:q.inner_end] for q in find_quotes(text)]


def test_curly_and_straight_double_quotes():
    assert inner("“We will act,” she said. He said \"no\" twice.") == ["We will act,", "no"]


def test_single_quotes_as_quotation_marks_but_not_apostrophes():
    text = "The minister's aide said 'we won't back down', and Ms Hale's office agreed."
    assert inner(text) == ["we won't back down"]


def test_curly_single_quotes_british_style():
    assert inner("‘It’s a disgrace,’ Mr Pryce said.") == ["It’s a disgrace,"]


def test_guillemets():
    assert inner("«Nous ne céderons pas», a-t-il dit.") == ["Nous ne céderons pas"]


def test_quote_running_across_paragraphs_is_one_quote():
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].paragraphs == 2
    assert text[quotes[0].inner_start:quotes[0].inner_end].endswith("Second paragraph,")


def test_unclosed_quote_ends_at_paragraph_with_warning():
    warnings: list[str] = []
    text = "He said “we will see.\n\nNext paragraph without a mark."
    quotes = find_quotes(text, warnings)
    assert [text[q.inner_start:q.inner_end] for q in quotes] == ["we will see."]
    assert not quotes[0].closed
    assert any("unclosed" in w for w in warnings)


def test_stray_closing_mark_is_a_warning_not_an_error():
    warnings: list[str] = []
    assert find_quotes("A stray ” mark.", warnings) == []
    assert warnings and "stray" in warnings[0]


def test_nested_single_quotes_stay_inside_double():
    text = "“He told me ‘never again’,” she said."
    assert inner(text) == ["He told me ‘never again’,"]


def test_empty_and_markless_text():
    assert find_quotes("") == []
    assert find_quotes("No quotes here at all.") == []


def test_typewriter_double_quotes():
    assert inner("''We won,'' he said. ``Next,'' she said.") == ["We won,", "Next,"]
