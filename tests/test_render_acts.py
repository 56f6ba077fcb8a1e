"""The CLI table shows speech unless asked for other acts, and says what it left out."""
from onrecord.render import record_table
from onrecord.schema import Article, Attribution, Record, Span

TEXT = "Mayor Ada Lind said the pool would reopen. Swimmers hope that it stays open. A survey found that it is too cold."


def _span(fragment: str) -> Span:
    at = TEXT.index(fragment)
    return Span(at, at + len(fragment), fragment)


RECORD = Record(TEXT, Article(id="pool"), attributions=[
    Attribution("indirect", _span("the pool would reopen"), _span("said"), _span("Mayor Ada Lind"), None, 0.75, act="speech"),
    Attribution("indirect", _span("that it stays open"), _span("hope"), _span("Swimmers"), None, 0.75, act="thought"),
    Attribution("indirect", _span("that it is too cold"), _span("found"), _span("A survey"), None, 0.75, act="evidence"),
])


def test_table_shows_speech_and_counts_the_rest():
    table = record_table(RECORD)
    assert "pool would reopen" in table and "stays open" not in table and "too cold" not in table
    assert "(2 more of other acts: evidence, thought; --act all shows them)" in table


def test_table_with_other_acts_labels_each_line():
    table = record_table(RECORD, act="thought,evidence")
    lines = [line for line in table.splitlines() if "hope" in line or "found" in line]
    assert len(lines) == 2 and "thought" in lines[0] and "evidence" in lines[1]
    assert "pool would reopen" not in table and "1 more of other acts: speech" in table
    assert "more of other acts" not in record_table(RECORD, act="all")
