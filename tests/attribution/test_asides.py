"""Parenthetical and inverted cues ("X, she said, Y"; "…, said Y, a spokesman for Z"), on made-up text."""
from record_helpers import find, speech


def test_parenthetical_cue_speaker_is_its_own_subject_not_the_first_noun(extract):
    rec = extract("Ankara, the alliance's deputy chief said, “has lost much of its credibility” on the issue.")
    a = find(rec, "lost much of its credibility")
    assert a.source.text == "the alliance's deputy chief"
    assert a.kind == "mixed"
    assert a.content.text.startswith("Ankara") and "credibility" in a.content.text


def test_inverted_parenthetical_cue_takes_the_phrase_after_it(extract):
    rec = extract("Ankara, said Pilar Osterman, the alliance's deputy chief, “has lost much of its credibility”.")
    a = find(rec, "lost much of its credibility")
    assert a.source.text == "Pilar Osterman, the alliance's deputy chief"
    assert rec.speaker_name(a) == "Pilar Osterman"
    assert a.content.text.startswith("Ankara")


def test_inverted_cue_with_apposition_after_the_content(extract):
    rec = extract("The new rota is a betrayal of nurses, said Ivo Brandt, a spokesman for the health union.")
    a = find(rec, "betrayal of nurses")
    assert a.source.text == "Ivo Brandt, a spokesman for the health union"
    assert a.content.text == "The new rota is a betrayal of nurses"


def test_parenthetical_cue_without_quotes_is_reported_speech(extract):
    rec = extract("The old harbour, Mr. Lindqvist said, would be dredged before the winter storms.")
    a = find(rec, "would be dredged")
    assert a.kind == "indirect" and a.cue.text == "said" and a.source.text == "Mr. Lindqvist"
    assert a.content.text == "The old harbour, Mr. Lindqvist said, would be dredged before the winter storms"


def test_quote_in_a_clause_governed_by_a_later_cue_is_a_mixed_quote(extract):
    rec = extract("Lifting the cap on rents while doing nothing on supply, she cautioned, would be a “very big mistake”.")
    a = find(rec, "very big mistake")
    assert a.kind == "mixed" and a.cue.text == "cautioned" and a.source.text == "she"
    assert a.content.text.startswith("Lifting the cap")


def test_leading_conjunction_is_not_part_of_the_content(extract):
    rec = extract("Mr. Ferro met the board. But the harbour fees, he added, were never the real problem.")
    a = find(rec, "were never the real problem")
    assert a.content.text.startswith("the harbour fees")


def test_cue_between_two_clauses_reports_both(extract):
    rec = extract("The mill was the town's biggest employer, Ms. Okafor said, until it closed in 2004.")
    a = find(rec, "biggest employer")
    assert a.content.text.endswith("until it closed in 2004")
    rec = extract("Exports will fall this year, Ms. Okafor said, adding that imports would stay flat.")
    a = find(rec, "Exports will fall")
    assert a.content.text == "Exports will fall this year"  # "adding that" is a cue of its own


def test_split_quote_stays_two_direct_halves(extract):
    rec = extract("“We will not sell the farm,” Ms. Okafor said, “and nobody can make us.”")
    halves = [a for a in speech(rec) if a.cue is not None and a.cue.text == "said"]
    assert [a.kind for a in halves] == ["direct", "direct"]


def test_inverted_cue_keeps_a_subject_before_it_when_a_clause_follows(extract):
    rec = extract("Ms. Okafor, after a long pause, said the mill would reopen.")
    a = find(rec, "the mill would reopen")
    assert a.source.text.startswith("Ms. Okafor") and a.content.text == "the mill would reopen"
    rec = extract("The mill will reopen, Ms. Okafor said Tuesday.")
    assert find(rec, "The mill will reopen").source.text == "Ms. Okafor"


def test_addressee_of_a_parenthetical_cue_is_not_its_content(extract):
    rec = extract("The difference now, she told me on Friday, is that the ferry runs every hour.")
    a = find(rec, "the ferry runs every hour")
    assert a.cue.text == "told" and a.source.text == "she"
    assert a.content.text.startswith("The difference now")


def test_cue_set_off_by_commas_after_a_fronted_subject(extract):
    rec = extract("These nurses, Ms. Varga explained earlier in the committee hearing, were “well-paid,” earning more than teachers.")
    a = find(rec, "well-paid")
    assert a.kind == "mixed" and a.source.text == "Ms. Varga"
    assert a.content.text.startswith("These nurses")


def test_fronted_phrase_before_a_cue_and_a_full_quote_stays_out(extract):
    rec = extract("Asked about the harbour fees, Ms. Varga said, “We will not comment on that.”")
    a = find(rec, "We will not comment on that")
    assert a.kind == "direct" and a.content.text.startswith("We will")


def test_trailing_participle_of_the_cue_does_not_make_a_mixed_quote(extract):
    rec = extract("“We can win this,” Ms. Varga said, not even needing to name her rival.")
    a = find(rec, "We can win this")
    assert a.kind == "direct" and a.content.text == "We can win this,"


def test_inverted_cue_source_keeps_its_apposition_without_the_closing_comma(extract):
    rec = extract("“We will appeal,” said Ana Ruiz, a lawyer for the family, adding that the ruling was unfair.")
    a = find(rec, "We will appeal")
    assert a.source.text == "Ana Ruiz, a lawyer for the family"
