"""Attribution.act: speech, thought or evidence, on text written for these tests."""
import pytest
from record_helpers import find, speech

from onrecord.attribution import acts
from onrecord.schema import ACT_VALUES


@pytest.mark.parametrize("text, fragment, act", [
    ("Mayor Lena Ortiz said the bridge would reopen next week.", "bridge would reopen", "speech"),
    ("Ana Ruiz tweeted that the council vote had been rigged.", "vote had been rigged", "speech"),
    ("The party chair wrote that the campaign would change course.", "campaign would change", "speech"),
    ("Farm leaders believe that the new tariffs will hurt exports.", "tariffs will hurt", "thought"),
    ("Fishermen fear that the quota cut will empty the harbour.", "quota cut will empty", "thought"),
    ("Analysts expect that the central bank will cut rates in June.", "bank will cut rates", "thought"),
    ("Residents hope that the mine will reopen before winter.", "mine will reopen", "thought"),
    ("A new poll found that most voters distrust the council.", "voters distrust", "evidence"),
    ("Figures from the statistics office show that exports fell in May.", "exports fell", "evidence"),
    ("Court documents indicate that the firm paid the consultant twice.", "firm paid", "evidence"),
    ("The study suggests that the drug halves the risk of a stroke.", "drug halves", "evidence"),
])
def test_act_from_cue_and_source(extract, text, fragment, act):
    assert find(extract(text), fragment).act == act


def test_according_to_a_person_is_speech_and_to_a_document_evidence(extract):
    rec = extract("The ferry sank within minutes, according to the harbour master Jonas Vik. "
                  "The company lost $4 million last year, according to its annual filings.")
    assert find(rec, "ferry sank").act == "speech"
    assert find(rec, "company lost").act == "evidence"


def test_the_same_verb_is_speech_from_a_person_and_evidence_from_a_survey(extract):
    rec = extract("Ines Lamar said that rents had doubled. A city survey said that rents had tripled.")
    assert find(rec, "rents had doubled").act == "speech"
    assert find(rec, "rents had tripled").act == "evidence"


def test_continued_quote_takes_the_act_of_the_quote_it_continues(extract):
    rec = extract("“The harvest was the worst in a decade,” the farmer Olek Brandt said.\n\n"
                  "“We will need help before spring.”")
    first, second = find(rec, "worst in a decade"), find(rec, "need help before spring")
    assert second.cue is None and second.continues is not None
    assert second.act == first.act == "speech"


def test_titles_and_terms_have_no_act(extract):
    rec = extract("The ministry published a report titled “Safer Streets for Everyone” on Monday.")
    named = [a for a in rec.attributions if a.kind in ("title", "term")]
    assert named and all(a.act is None for a in named)


def test_every_act_in_the_lexicon_is_a_known_act():
    rules = acts.act_rules()
    assert {r.act for r in rules.values()} | {r.document_act for r in rules.values()} <= set(ACT_VALUES)
    assert acts.ACCORDING_TO in rules and "class:speech" in rules


def test_record_round_trips_act(extract):
    from onrecord.schema import Record

    rec = extract("Farm leaders believe that the new tariffs will hurt exports.")
    again = Record.from_dict(rec.to_dict())
    assert [a.act for a in again.attributions] == [a.act for a in rec.attributions] != []


# Cues that report nobody are not attributions (onrecord.attribution.frames.is_attribution).

@pytest.mark.parametrize("text, fragment", [
    ("For tickets and opening hours, call 555-0199 before Friday.", "555-0199"),
    ("Residents with questions can call 311 at any hour.", "311"),
    ("Tell your neighbours about the clinic's new hours.", "neighbours"),
    # an interviewer's request after a transcript label ("WN:", "Q:") is an imperative too
    ("WN: Tell me about your most memorable tournament.", "tournament"),
    ("Q: Describe the plan for the harbour.", "harbour"),
    ("The drought continues to drain the reservoirs of the valley.", "drain"),
    ("The mayor appeared on local television on Sunday evening.", "television"),
    # an organisation or a state recalling a thing withdraws it; nobody remembers
    ("Orvia Motors recalled 10,000 cars on Monday after a brake fault.", "cars"),
    ("The carmaker recalled its new vans.", "vans"),
])
def test_cue_words_in_a_non_reporting_sense_make_no_attribution(extract, text, fragment):
    rec = extract(text)
    assert not [a for a in rec.attributions if a.kind in ("direct", "indirect", "mixed")], \
        [(a.cue.text if a.cue else None, a.content.text) for a in rec.attributions]


@pytest.mark.parametrize("text", [
    # verbs the trained span model tags as cues, with no sense that reports anyone
    "The documentary about the flood was nominated for a regional journalism award last spring.",
    "A county judge sentenced the former treasurer to six years in prison for embezzling pension funds.",
    "The festival was focused on lanterns, masks and costumes made by local schools.",
    # a thing acting on a plain object ("angered" is no listed cue; the span model proposes it)
    "The new tax plan has angered some farmers in the valley.",
])
def test_a_verb_that_reports_nobody_is_no_cue(extract, text):
    rec = extract(text)
    assert not rec.attributions, [(a.cue.text if a.cue else None, a.content.text) for a in rec.attributions]


@pytest.mark.parametrize("text", [
    "The former treasurer was found guilty of embezzling pension funds.",
    "A ban on night flights was proposed in 2016 but never passed.",
])
def test_a_passive_cue_with_no_agent_and_no_clause_names_no_one(extract, text):
    assert not extract(text).attributions


def test_a_refusal_to_act_reports_nobody_and_a_refusal_to_speak_does(extract):
    assert not extract("The grandmaster refused to play in that tournament because of his values.").attributions
    assert not extract("Mayor Lena Ortiz declined to attend the ceremony on Friday.").attributions
    rec = extract("The minister declined to comment on the report.")
    assert [a.cue.text for a in speech(rec)] == ["declined"]


def test_a_passive_cue_with_a_clause_or_an_agent_stays(extract):
    rec = extract("It was announced on Monday that the plant would close. "
                  "It was reported by the ministry that exports had fallen.")
    assert find(rec, "plant would close").source is None  # the "it" stands for the clause
    assert find(rec, "exports had fallen").source.text == "the ministry"


def test_every_report_verb_group_is_read_and_stance_words_count():
    from onrecord import lexicon
    from onrecord.attribution.senses import _report_lemmas
    lemmas = _report_lemmas(lexicon.default())
    assert {"say", "whisper", "tweet", "warn", "urge", "pledge", "praise", "liken", "believe", "admire",
            "bristle", "supportive", "hoped"} <= lemmas
    assert not {"compete", "nominate", "sentence", "vote", "focus", "allow"} & lemmas


@pytest.mark.parametrize("text, words", [
    ("Ms. Varga called Tuesday about the permit.", "Tuesday"),
    ("Mr. Hale will demand what price the city pays.", "what price"),
])
def test_a_bare_time_or_question_word_says_nothing(nlp, text, words):
    from onrecord.attribution.frames import _says_anything
    doc = nlp(text)
    start = text.index(words)
    assert not _says_anything(doc.char_span(start, start + len(words)))
    assert _says_anything(doc.char_span(0, len(text) - 1))


def test_cue_with_a_clause_still_counts_where_the_sense_test_looks(extract):
    rec = extract("Residents can call the council to complain. Nora Vance told them that the hotline would stay open.")
    a = find(rec, "hotline would stay open")
    assert (a.cue.text, a.act) == ("told", "speech")


def test_continued_as_a_speech_verb_still_attributes_a_quote(extract):
    rec = extract("“We planted late,” the grower Piet Aalders said. “But the rain came,” he continued.")
    a = find(rec, "But the rain came")
    assert a.cue.text == "continued" and a.act == "speech"


def test_expected_with_no_one_expecting_has_no_source_and_is_a_thought(extract):
    rec = extract("Wheat prices are expected to climb sharply after the poor harvest.")
    a = find(rec, "to climb sharply")
    assert a.source is None and a.speaker is None and a.act == "thought"


def test_expected_by_someone_keeps_them_as_the_source(extract):
    rec = extract("Wheat prices are expected by most traders to climb sharply.")
    a = find(rec, "to climb sharply")
    assert (a.source.text, a.act) == ("most traders", "thought")


def test_seems_with_a_clause_is_a_thought_not_speech(extract):
    rec = extract("The coalition seems to be close to collapse before the budget vote.")
    seems = [a for a in rec.attributions if a.cue is not None and "seems" in a.cue.text]
    assert seems and all(a.act == "thought" for a in seems)


def test_a_person_recalling_a_thing_remembers_it(extract):
    rec = extract("The senator recalled an incident at a cinema in Leeds.")
    assert [a.content.text for a in rec.attributions] == ["an incident at a cinema in Leeds"]
