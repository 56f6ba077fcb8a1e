"""Speaker resolution inside one article."""
from record_helpers import find


def test_role_noun_resolves_to_person_introduced_with_that_role(extract):
    text = (
        "NATO Secretary-General Maren Solberg met defence ministers in Brussels on Tuesday.\n\n"
        "The NATO chief said the alliance would increase its ammunition stocks.\n\n"
        "The secretary-general added that no decision had been taken on Ukraine's membership."
    )
    rec = extract(text)
    assert rec.speaker_name(find(rec, "increase its ammunition")) == "Maren Solberg"
    assert rec.speaker_name(find(rec, "no decision had been taken")) == "Maren Solberg"
    solberg = next(e for e in rec.entities if e.name == "Maren Solberg")
    assert solberg.title == "NATO Secretary-General"
    assert solberg.affiliation == "NATO"
    assert any(m.text == "The NATO chief" for m in solberg.mentions)


def test_commission_president_by_role(extract):
    text = (
        "European Commission President Ilse Marwitz arrived in Kyiv on Friday. "
        "The Commission president said the bloc would send more air defence systems."
    )
    rec = extract(text)
    assert rec.speaker_name(find(rec, "send more air defence")) == "Ilse Marwitz"


def test_pronoun_picks_most_recent_compatible_speaker(extract):
    text = (
        "“We want a deal,” said Ms. Hale, the trade minister. "
        "Mr. Okafor, her counterpart, disagreed. “The terms are unacceptable,” he said. "
        "“We will keep talking,” she added."
    )
    rec = extract(text)
    assert rec.speaker_name(find(rec, "terms are unacceptable")) == "Okafor"
    assert rec.speaker_name(find(rec, "keep talking")) == "Hale"


def test_surname_and_title_plus_name_join_full_name(extract):
    text = (
        "Governor Dana Whitlock signed the bill. "
        "“This is a good day,” Whitlock said. "
        "Governor Whitlock later told reporters that the state would appeal."
    )
    rec = extract(text)
    assert rec.speaker_name(find(rec, "good day")) == "Dana Whitlock"
    assert rec.speaker_name(find(rec, "the state would appeal")) == "Dana Whitlock"
    people = [e for e in rec.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Dana Whitlock"]


def test_states_and_organisations_as_speakers(extract):
    rec = extract("Beijing said it opposed the sanctions. The Kremlin said the talks were useful.")
    assert rec.speaker_name(find(rec, "opposed the sanctions")) == "Beijing"
    assert rec.speaker_name(find(rec, "the talks were useful")) == "Kremlin"


def test_institution_with_state_becomes_organisation(extract):
    rec = extract("U.S. intelligence indicates that the shipments began in March.")
    a = find(rec, "shipments began")
    entity = rec.entity(a.speaker)
    assert (entity.name, entity.type, entity.affiliation) == ("U.S. intelligence", "ORG", "U.S.")


def test_unnamed_sources_stay_unresolved(extract):
    rec = extract("Two officials said the plan had been shelved. A spokesman said it was under review.")
    assert find(rec, "plan had been shelved").speaker is None
    assert find(rec, "under review").speaker is None


def test_relative_pronoun_source_resolves_to_its_antecedent(extract):
    rec = extract("Mayor Lena Ortiz, who said the bridge would reopen, left early.")
    a = find(rec, "the bridge would reopen")
    assert a.source.text == "who" and rec.speaker_name(a) == "Lena Ortiz"
    ortiz = rec.entity(a.speaker)
    assert [m.text for m in ortiz.mentions] == ["Lena Ortiz"]
