"""Interview transcripts ("Name: answer", initials, Q/A) on made-up text."""
import pytest
from record_helpers import find, speech

import onrecord
from onrecord.attribution.transcripts import _classify

NAMED = """Marine biologist Helena Strand has spent a decade counting seals on the northern coast. The Harbour Gazette spoke with her about the new survey.

Gazette: What surprised you most?

Helena Strand: The pups. We counted twice as many as last year, and nobody expected that.

It was the warmest spring on record, too.

Gazette: Will the fishing ban stay?

HS: I hope so. The colony needs another five quiet years.

Note: This interview has been edited for length.
"""

QA = """Former mayor Oskar Lindgren left office in March after eight years. Lindgren answered our questions by email.

Q: Why did you step down?

A: I was tired, and the city needed new ideas. Eight years is enough for anyone.

Q: What comes next?

A: Teaching, I think. I miss the classroom.
"""


def test_name_labels_are_direct_attributions_to_the_name(extract):
    rec = extract(NAMED)
    a = find(rec, "We counted twice as many")
    assert a.kind == "direct" and a.source.text == "Helena Strand" and rec.speaker_name(a) == "Helena Strand"
    assert a.content.text == "The pups. We counted twice as many as last year, and nobody expected that."

def test_the_interviewers_questions_are_not_attributions(extract):
    rec = extract(NAMED)
    assert not [a for a in speech(rec) if "surprised you most" in a.content.text or "fishing ban" in a.content.text]


def test_initials_stand_for_the_name_said_before(extract):
    rec = extract(NAMED)
    a = find(rec, "The colony needs another five quiet years")
    assert rec.speaker_name(a) == "Helena Strand"


def test_unlabelled_line_between_two_speakers_continues_the_turn_before(extract):
    rec = extract(NAMED)
    a = find(rec, "warmest spring on record")
    assert a.source is None and rec.attributions[a.continues].source.text == "Helena Strand"


def test_headings_are_not_speakers(extract):
    rec = extract(NAMED)
    assert not [a for a in speech(rec) if "edited for length" in a.content.text]


def test_answers_go_to_the_interviewee_named_in_the_lead_in(extract):
    rec = extract(QA)
    a = find(rec, "the city needed new ideas")
    assert a.kind == "direct" and a.source.text == "Oskar Lindgren" and rec.speaker_name(a) == "Oskar Lindgren"
    assert find(rec, "I miss the classroom").source.text == "Oskar Lindgren"


def test_q_lines_are_not_attributions(extract):
    rec = extract(QA)
    assert not [a for a in speech(rec) if "step down" in a.content.text or "comes next" in a.content.text]


def test_answers_without_an_interviewee_have_no_source(extract):
    rec = extract("Q: Why now?\n\nA: Because the money ran out.\n\nQ: And next?\n\nA: Rest.")
    assert find(rec, "Because the money ran out").source is None


def test_one_name_label_is_a_headline_not_a_transcript(extract):
    rec = extract("Okafor: the mill will reopen\n\nThe mill closed in 2004 after a fire.")
    assert all(a.cue is None or a.cue.text != ":" or a.source.text == "Okafor" for a in speech(rec))
    assert len([a for a in speech(rec) if a.cue is not None and a.cue.text == ":"]) <= 1


def test_section_headings_times_and_list_labels_are_not_turns(extract):
    text = (
        "Harbour Plans Stall: The council delayed the vote again on Tuesday.\n\n"
        "Funding Gap Widens: The port still lacks 20 million euros.\n\n"
        "The ferry leaves at 10:30 and returns at 18:45.\n\n"
        "Key dates include: the vote in May and the audit in June.\n\n"
        "Update: The vote is now set for June."
    )
    rec = extract(text)
    assert not [a for a in speech(rec) if a.cue is not None and a.cue.text == ":"]


def test_label_classes():
    assert _classify("Note") == "heading" and _classify("Photo") == "heading" and _classify("Source") == "heading"
    assert _classify("Q") == "question" and _classify("Answer") == "answer"
    assert _classify("HS") == "initials" and _classify("Helena Strand") == "name"
    assert _classify("Secretary of the Navy Jo Park") == "name"
    assert _classify("Key dates include") is None and _classify("It was a milestone in aviation history") is None


def test_the_outlet_that_interviews_is_never_the_interviewee(extract):
    text = QA.replace("Lindgren answered our questions by email.", "The Harbour Gazette spoke with him by phone.")
    assert find(extract(text), "the city needed new ideas").source.text == "Oskar Lindgren"
    text = QA.replace("Lindgren answered our questions by email.", "He answered questions from The Harbour Gazette.")
    assert find(extract(text), "the city needed new ideas").source.text == "Oskar Lindgren"


ANSWERS = """Mira Oksanen, a skier from Lahti, won her third title in February. She spoke to the Valley Courier.

Courier: How did the season go?

Mira Oksanen: I think it went well. I knew that the snow would be late, and I hoped the coach would change the plan. The federation announced that the race would move to March.

Courier: And next year?

Mira Oksanen: More of the same, I hope.
"""


@pytest.mark.parametrize("profile", ["fast", pytest.param("accurate", marks=pytest.mark.slow)])
def test_inside_an_answer_only_another_named_partys_report_is_nested(profile):
    if profile == "accurate":
        pytest.importorskip("onnxruntime")
    rec = onrecord.extract(ANSWERS, profile=profile)
    # the interviewer's question is no attribution, in either profile
    assert not [a for a in rec.attributions if "season go" in a.content.text]
    answer = find(rec, "I think it went well")
    assert rec.speaker_name(answer) == "Mira Oksanen"
    # "I think", "I knew", "I hoped" are the answer's speaker again, not attributions of their own
    assert not [a for a in rec.attributions if a.content.text.startswith(("it went well", "that the snow", "the snow"))]
    assert not [a for a in rec.attributions if a.source is not None and a.source.text == "I"]
    federation = [a for a in rec.attributions if a.source is not None and a.source.text == "The federation"]
    assert [a.within for a in federation] == [rec.attributions.index(answer)]
    assert "race would move to March" in federation[0].content.text


YOU = """Rower Ines Moreau spoke with the Harbour Gazette about her season.

Gazette: Previously you had mentioned that no club is perfect. What does your club get right?

Ines Moreau: The coaching. The coaches are patient with us.

Gazette: You said you were a swimmer as a child. How did that help?

Ines Moreau: A lot. I learned to breathe.
"""


def test_you_in_a_question_is_the_interviewee(extract):
    # "you" outside the answers is the interviewer speaking to whoever answers next
    rec = extract(YOU)
    assert rec.speaker_name(find(rec, "no club is perfect")) == "Ines Moreau"
    assert rec.speaker_name(find(rec, "a swimmer as a child")) == "Ines Moreau"
    # without a transcript "you" names no one
    prose = extract("Readers wrote to the Gazette about the port. You said the port would close, and it did not.")
    assert prose.speaker_name(find(prose, "the port would close")) is None
