"""Quote tags: the shape after a quote names its speaker, whatever the verb (made-up text)."""
from record_helpers import find, speech


def test_a_verb_the_lexicon_does_not_know_after_a_quote_reports_it(extract):
    rec = extract("Tom Bell claimed the port was lost. “The port will always be ours,” an angry Ana Ruiz retaliated.")
    a = find(rec, "always be ours")
    assert (a.kind, a.cue.text, rec.speaker_name(a)) == ("direct", "retaliated", "Ana Ruiz")


def test_the_next_quote_goes_on_with_the_tagged_speaker_not_the_last_cued_one(extract):
    rec = extract("“The port is lost,” Tom Bell claimed. “The port will always be ours,” an angry Ana Ruiz "
                  "retaliated. “It never gives up.”")
    assert rec.speaker_name(find(rec, "never gives up")) == "Ana Ruiz"


def test_a_described_speaker_can_tag_a_quote(extract):
    rec = extract("“We will not move,” the farmers' leader scoffed.")
    a = find(rec, "will not move")
    assert a.cue.text == "scoffed" and a.source.text == "the farmers' leader"


def test_a_thing_after_a_quote_does_not_speak(extract):
    rec = extract("“It is over,” the season ended.")
    assert not [a for a in speech(rec) if a.cue is not None and a.cue.text == "ended"]


def test_a_credit_line_after_a_quote_names_its_speaker(extract):
    rec = extract("Tom Bell voted for the law.\n\n\"I will look into it. I don't know the status.\"\n\n"
                  "- Ana Ruiz.\n\nBell has said more since.")
    a = find(rec, "look into it")
    assert (a.kind, rec.speaker_name(a)) == ("direct", "Ana Ruiz")


def test_a_credit_after_the_quote_on_its_line_with_a_description(extract):
    rec = extract("The council met. \"Boeing and other firms pay zero taxes.\"  — Ana Ruiz, mayor\n\nThe council agreed.")
    assert rec.speaker_name(find(rec, "zero taxes")) == "Ana Ruiz"


def test_a_dash_before_a_sentence_is_no_credit(extract):
    rec = extract("Tom Bell said no. \"It is done.\" - Ruiz went home after that.")
    assert not [a for a in speech(rec) if "It is done" in a.content.text and rec.speaker_name(a) == "Ruiz"]
