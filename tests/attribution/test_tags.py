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


def test_a_participle_cue_after_its_addressee_speaks_for_the_sentence_subject(extract):
    rec = extract("Ruiz seemed to be ready to riff on the incident in Ohio, telling the crowd, “Some people get "
                  "a little carried away, have you noticed that?”")
    assert rec.speaker_name(find(rec, "carried away")) == "Ruiz"


def test_a_name_the_parse_ran_into_the_quote_before_the_cue_speaks(nlp):
    # On a real article the parse ran "“It is not the position …,” Gene Sperling, a top
    # adviser, said" into one content; the span model's SOURCE span before the cue speaks.
    from onrecord.attribution.frames import Frame
    from onrecord.attribution.learned import _take_swallowed_source

    doc = nlp("“It is not the position,” Tom Bell, a top adviser, said at an event.")
    said = next(t.i for t in doc if t.text == "said")
    tom = next(t.i for t in doc if t.text == "Tom")
    frame = Frame((said, said + 1), "speech", None, (1, said - 1))
    _take_swallowed_source(doc, frame, [(tom, said - 1)])
    assert doc[slice(*frame.source)].text == "Tom Bell, a top adviser"
    assert doc[slice(*frame.content)].text.startswith("It is not the position") and "Bell" not in doc[slice(*frame.content)].text


def test_a_quote_inside_a_sentence_does_not_continue_the_last_speaker(extract):
    rec = extract("The plan prompted the council to call a debate in January on whether to close the port; one "
                  "councillor called Mayor Bell \"the captain of a sinking ship.\"")
    assert not [a for a in speech(rec) if "sinking ship" in a.content.text and rec.speaker_name(a) == "council"]
