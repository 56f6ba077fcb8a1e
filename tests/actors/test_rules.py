"""Which rule coded an actor (Actor.rule), dated office holders, companies, and the
article's state for agents named without one. Made-up names and dictionaries."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.actors import code as code_module
from onrecord.actors import code_actor, code_text
from onrecord.actors.code import holder
from onrecord.actors.context import fill_context, main_state
from onrecord.actors.dictionary import PACKAGED, Entry, Tenure, read_dictionaries
from onrecord.schema import ACTOR_RULES, Actor, Entity, Span


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("Saudi Arabia's crown prince", Actor("SAU", None, "GOV"), "possessive"),
        ("Pakistan\u2019s foreign ministry", Actor("PAK", None, "GOV"), "possessive"),
        ("Israeli troops", Actor("ISR", None, "MIL"), "nationality"),
        ("the Ukrainian army", Actor("UKR", None, "MIL"), "nationality"),
        ("Russian officials", Actor("RUS", None, "GOV"), "nationality"),
        ("the Kremlin", Actor("RUS", None, "GOV"), "name"),
        ("NATO", Actor(None, "NATO", None), "name"),
        ("protesters", Actor(None, None, "CVL"), "agent"),
    ],
)
def test_code_text_says_which_rule_coded_it(text, expected, rule):
    actor = code_text(text)
    assert actor == expected
    assert actor.rule == rule


def test_a_title_codes_a_person_by_title():
    actor = code_actor("Dariush Tehrani", entity_type="PERSON", title="Iranian Foreign Minister")
    assert actor == Actor("IRN", None, "GOV") and actor.rule == "title"
    actor = code_actor("Lena Moss", entity_type="PERSON", title="U.S. Secretary of State")
    assert actor.country == "USA" and actor.rule == "title"


def test_an_affiliation_codes_a_person_by_affiliation():
    actor = code_actor("Olga Ivanova", entity_type="PERSON", affiliation="Kremlin")
    assert actor == Actor("RUS", None, "GOV") and actor.rule == "affiliation"


def test_a_title_with_no_state_gives_only_an_agent_sector():
    actor = code_actor("Maren Solberg", entity_type="PERSON", title="police chief")
    assert actor == Actor(None, None, "COP") and actor.rule == "agent"


def test_rule_is_not_part_of_equality_and_every_rule_is_documented():
    assert Actor("USA", None, "GOV", rule="title") == Actor("USA", None, "GOV", rule="name")
    for text in ("Israeli troops", "Saudi Arabia's crown prince", "protesters", "NATO"):
        assert code_text(text).rule in ACTOR_RULES
    docs = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text(encoding="utf-8")
    for rule in ACTOR_RULES:
        assert f"`{rule}`" in docs, rule


# ---------------------------------------------------------------- dated office holders
_USA_GOV, _USA_LEG = Entry("USA", None, "GOV", "person"), Entry("USA", None, "LEG", "person")
_TENURES = (Tenure(_USA_LEG, "19900101", "20050101"), Tenure(_USA_GOV, "20050101", "20090120"),
            Tenure(_USA_GOV, "20130101", ""))


@pytest.mark.parametrize(
    ("date", "sector"),
    [
        ("1995-06-01", "LEG"),  # inside the first office
        ("2006-03-10", "GOV"),  # inside the second
        ("2010-07-01", "ELI"),  # between two offices: a former office holder
        ("2020-01-01", "GOV"),  # inside the open-ended one
        ("1980-01-01", None),  # before every office: only the state
        (None, "GOV"),  # no date: the current office
    ],
)
def test_the_office_valid_on_the_article_date(date, sector):
    entry = holder(_TENURES, date)
    assert entry.country == "USA" and entry.sector == sector


def test_the_default_code_when_no_office_holds_and_eli_after_the_last():
    default = Entry("GBR", None, "ELI", "person")
    gov = Entry("GBR", None, "GOV", "person")
    assert holder((Tenure(gov, "19970502", "20070627"), Tenure(default)), "2001-01-01").sector == "GOV"
    assert holder((Tenure(gov, "19970502", "20070627"), Tenure(default)), "2012-01-01") == default
    assert holder((Tenure(gov, "19970502", "20070627"),), "2012-01-01").sector == "ELI"
    assert holder((Tenure(gov, "19970502", "20070627"),), None).sector == "ELI"


def _made_up_lexicon(tmp_path: Path, people: str, curated: str = "", companies: str = ""):
    for f in PACKAGED.glob("*.tsv"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "people.tsv", "a", encoding="utf-8") as out:
        out.write(people)
    with open(tmp_path / "people_curated.tsv", "a", encoding="utf-8") as out:
        out.write(curated)
    with open(tmp_path / "companies.tsv", "a", encoding="utf-8") as out:
        out.write(companies)
    return read_dictionaries(tmp_path)


def test_a_known_office_holder_is_coded_for_the_article_date(tmp_path, monkeypatch):
    lex = _made_up_lexicon(
        tmp_path,
        "halvard brekke\tNOR\tLEG\t20010101\t20090101\nhalvard brekke\tNOR\tGOV\t20090101\t-\n",
        "Halvard Brekke|Brekke\tNOR\t-\tELI\t2024-03\n",
    )
    monkeypatch.setattr(code_module, "lexicon", lambda: lex)
    at = {d: code_actor("Halvard Brekke", entity_type="PERSON", date=d) for d in ("2003-05-05", "2015-05-05", "2025-01-01")}
    assert at["2003-05-05"] == Actor("NOR", None, "LEG") and at["2003-05-05"].rule == "office-holder"
    assert at["2015-05-05"] == Actor("NOR", None, "GOV")
    assert at["2025-01-01"] == Actor("NOR", None, "ELI")  # the curated row holds from its as_of on
    assert code_actor("Halvard Brekke", entity_type="PERSON") == Actor("NOR", None, "ELI")  # no date: the latest
    # The article's own title still wins over the dictionary.
    titled = code_actor("Halvard Brekke", entity_type="PERSON", title="Swedish ambassador", date="2015-05-05")
    assert titled.country == "SWE" and titled.rule == "title"


def test_a_company_is_coded_to_its_home_state_only_as_a_whole_name(tmp_path, monkeypatch):
    lex = _made_up_lexicon(tmp_path, "", companies="brekkeplast\tNOR\n")
    monkeypatch.setattr(code_module, "lexicon", lambda: lex)
    for name in ("Brekkeplast", "Brekkeplast Inc.", "Brekkeplast Group Ltd"):
        actor = code_actor(name, entity_type="ORG")
        assert actor == Actor("NOR", None, "BUS") and actor.rule == "company", name
    assert code_actor("Brekkeplast Arena", entity_type="ORG") is None  # a longer name is another thing
    assert code_actor("Brekkeplast", entity_type="PERSON") is None  # a person may bear the name
    assert code_text("brekkeplast workers") == Actor(None, None, "LAB")  # never scanned for in free text


# ---------------------------------------------------------------- the article's state
def _entity(i: int, name: str, actor: Actor | None, mentions: int = 1) -> Entity:
    return Entity(id=f"e{i}", name=name, type="X", mentions=[Span(0, 1, "x")] * mentions, actor=actor)


def test_an_agent_without_a_state_takes_the_state_the_article_is_about():
    entities = [
        _entity(1, "Norway", Actor("NOR", None, None, "name"), 3),
        _entity(2, "Oslo", Actor("NOR", None, None, "name"), 1),
        _entity(3, "Sweden", Actor("SWE", None, None, "name"), 1),
        _entity(4, "police", Actor(None, None, "COP", "agent")),
        _entity(5, "NATO", Actor(None, "NATO", None, "name")),
        _entity(6, "Maren Solberg", None),
    ]
    fill_context(entities)
    assert entities[3].actor == Actor("NOR", None, "COP") and entities[3].actor.rule == "context"
    assert entities[4].actor == Actor(None, "NATO", None)  # an organisation keeps no state
    assert entities[5].actor is None  # nothing is guessed for an uncoded name


def test_civilians_and_companies_get_no_state_from_the_article():
    entities = [_entity(1, "Norway", Actor("NOR", None, None, "name"), 3),
                _entity(2, "protesters", Actor(None, None, "CVL", "agent")),
                _entity(3, "the company", Actor(None, None, "BUS", "agent")),
                _entity(4, "parliament", Actor(None, None, "LEG", "agent"))]
    fill_context(entities)
    assert [e.actor.country for e in entities] == ["NOR", None, None, "NOR"]


def test_no_state_is_filled_in_without_a_majority():
    entities = [
        _entity(1, "Norway", Actor("NOR", None, None, "name"), 2),
        _entity(2, "Sweden", Actor("SWE", None, None, "name"), 2),
        _entity(3, "the government", Actor(None, None, "GOV", "agent")),
    ]
    assert main_state(entities) is None
    fill_context(entities)
    assert entities[2].actor == Actor(None, None, "GOV")
    fill_context([])  # an article with no entities is fine


def test_party_members_are_an_agent_and_a_person_tagged_org_is_still_looked_up():
    assert code_actor("Democrats", entity_type="NORP") == Actor(None, None, "PTY")
    assert code_actor("Tories", entity_type="NORP") == Actor("GBR", None, "PTY")
    assert code_actor("Putin", entity_type="ORG", date="2015-01-01") == Actor("RUS", None, "GOV")
    assert code_actor("Maren Solberg", entity_type="ORG") is None
