"""Actor coding: names, titles and noun phrases -> state, organisation, PLOVER sector."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from onrecord.actors import code_actor, code_text
from onrecord.actors.dictionary import PACKAGED, lexicon, normalise, read_dictionaries, tokens
from onrecord.schema import Actor

PLOVER_SECTORS = set(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"),
    [
        ("Xi Jinping", {"entity_type": "PERSON", "title": "Chinese President"}, Actor("CHN", None, "GOV")),
        ("Beijing", {"entity_type": "GPE"}, Actor("CHN", None, None)),
        ("China", {"entity_type": "GPE"}, Actor("CHN", None, None)),
        ("Chinese", {"entity_type": "NORP"}, Actor("CHN", None, None)),
        ("the Kremlin", {"entity_type": "ORG"}, Actor("RUS", None, "GOV")),
        ("Kremlin", {}, Actor("RUS", None, "GOV")),
        ("NATO", {"entity_type": "ORG"}, Actor(None, "NATO", None)),
        ("Nato", {"entity_type": "ORG"}, Actor(None, "NATO", None)),
        # IGO officials are coded by the IGO, with no sector (GOV is a state's executive);
        # the title beats the 2014 snapshot that has Stoltenberg as Norway's prime minister.
        ("Jens Stoltenberg", {"entity_type": "PERSON", "title": "NATO Secretary-General"}, Actor(None, "NATO", None)),
        ("U.S. intelligence", {"entity_type": "ORG"}, Actor("USA", None, "SPY")),
        ("US", {"entity_type": "GPE"}, Actor("USA", None, None)),
        ("U.S.", {"entity_type": "GPE"}, Actor("USA", None, None)),
        ("United States", {"entity_type": "GPE"}, Actor("USA", None, None)),
        ("Washington", {"entity_type": "GPE"}, Actor("USA", None, None)),
        # PLOVER_agents codes a defence ministry GOVMIL: the primary sector is kept.
        ("Russian Defence Ministry", {"entity_type": "ORG"}, Actor("RUS", None, "GOV")),
        ("the European Commission", {"entity_type": "ORG"}, Actor(None, "EU", None)),
        ("European Parliament", {"entity_type": "ORG"}, Actor(None, "EU", "LEG")),
        ("Ukraine's army", {"entity_type": "ORG"}, Actor("UKR", None, "MIL")),
        ("Ukraine\u2019s army", {"entity_type": "ORG"}, Actor("UKR", None, "MIL")),
        ("Hamas", {"entity_type": "ORG"}, Actor("PSE", None, "REB")),
        ("Anna Petrova", {"entity_type": "PERSON", "title": "the Russian foreign minister"}, Actor("RUS", None, "GOV")),
        ("Vladimir Putin", {"entity_type": "PERSON"}, Actor("RUS", None, "GOV")),
        ("Jean Dupont", {"entity_type": "PERSON", "title": "French President"}, Actor("FRA", None, "GOV")),
        ("Tom Baker", {"entity_type": "PERSON", "title": "former U.S. president"}, Actor("USA", None, "ELI")),
        ("Olga Ivanova", {"entity_type": "PERSON", "affiliation": "Kremlin"}, Actor("RUS", None, "GOV")),
        # Documented ambiguities: Georgia is the state, bare Congo is the DRC.
        ("Georgia", {"entity_type": "GPE"}, Actor("GEO", None, None)),
        ("Congo", {"entity_type": "GPE"}, Actor("COD", None, None)),
        ("Republic of Congo", {"entity_type": "GPE"}, Actor("COG", None, None)),
        ("Brazzaville", {"entity_type": "GPE"}, Actor("COG", None, None)),
        ("WHO", {"entity_type": "ORG"}, Actor(None, "WHO", None)),
        ("the Pentagon", {"entity_type": "FAC"}, Actor("USA", None, "MIL")),
        ("Downing Street", {"entity_type": "FAC"}, Actor("GBR", None, "GOV")),
        ("the Elys\u00e9e", {"entity_type": "FAC"}, Actor("FRA", None, "GOV")),
        # A state's own provinces and states code to it (CountryInfo regions); nicknames do not.
        ("Iowa", {"entity_type": "GPE"}, Actor("USA", None, None)),
        ("Lower Saxony", {"entity_type": "GPE"}, Actor("DEU", None, None)),
        ("Sichuan", {"entity_type": "GPE"}, Actor("CHN", None, None)),
        ("Jersey", {"entity_type": "GPE"}, Actor("GBR", None, None)),  # a region never overrides a state's name
    ],
)
def test_code_actor(name, kwargs, expected):
    assert code_actor(name, **kwargs) == expected


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("Maren Solberg", {"entity_type": "PERSON"}),  # unknown person: no guess
        ("Jordan Peterson", {"entity_type": "PERSON"}),  # a PERSON name is not scanned for places
        ("Airbus", {"entity_type": "ORG"}),  # a company the dictionaries give no home state
        ("who", {}),  # lower-case "who" is not the WHO, "us" is not the US
        ("us", {}),
        ("Heart Of Dixie", {"entity_type": "GPE"}),  # a WordNet nickname (Alabama) is not a place name here
        ("North West", {"entity_type": "LOC"}),  # a compass phrase alone names no province
    ],
)
def test_code_actor_no_match(name, kwargs):
    assert code_actor(name, **kwargs) is None


@pytest.mark.parametrize(
    "name",
    ["", "   ", None, 42, "\x00", "\u2019s", "\U0001f600 \u4e60\u8fd1\u5e73", "the", "'" * 50, "a" * 10_000],
)
def test_odd_input_never_raises(name):
    assert code_actor(name, entity_type=None, title=None, affiliation=None) is None
    assert code_text(name) is None


def test_odd_title_and_type_never_raise():
    assert code_actor("Xi Jinping", entity_type="person", title="", affiliation="") == Actor("CHN", None, "GOV")
    code_actor("China", entity_type=3, title=7)  # wrong types: no exception is all we ask


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese troops", Actor("CHN", None, "MIL")),
        ("the Ukrainian government", Actor("UKR", None, "GOV")),
        ("protesters", Actor(None, None, "CVL")),
        ("Israeli soldiers", Actor("ISR", None, "MIL")),
        ("the UN Security Council", Actor(None, "UNSC", None)),
        ("China's foreign ministry", Actor("CHN", None, "GOV")),
        ("former Russian president", Actor("RUS", None, "ELI")),
        ("Palestinian militants", Actor("PSE", None, "REB")),
        ("police in S\u00e3o Paulo", Actor("BRA", None, "COP")),
        ("the general public", Actor(None, None, "CVL")),
        ("the Chinese ambassador to France", Actor("CHN", None, "GOV")),  # first state named is the actor's
    ],
)
def test_code_text(text, expected):
    assert code_text(text) == expected


@pytest.mark.parametrize("text", ["people who protested", "they", "the moron", "yesterday"])
def test_code_text_no_match(text):
    assert code_text(text) is None


def test_normalise():
    assert normalise("The U.S.") == "us"
    assert normalise("Ukraine\u2019s  Army") == "ukraine army"
    assert normalise("Secretary\u2013General") == "secretary general"
    assert normalise("Élysée") == "elysee"
    assert tokens("U.S. and us") == [("us", "US"), ("and", None), ("us", None)]


def test_data_files_are_versioned_and_small():
    files = sorted(PACKAGED.glob("*.tsv"))
    assert {f.name for f in files} >= {"countries.tsv", "organisations.tsv", "sectors.tsv", "people.tsv",
                                        "companies.tsv"}
    for f in files:
        assert f.read_text(encoding="utf-8").startswith("# version: "), f.name
    assert sum(f.stat().st_size for f in files) < 2_000_000


def test_countryinfo_derived_files_carry_attribution():
    for name in ("countries.tsv", "people.tsv"):
        head = (PACKAGED / name).read_text(encoding="utf-8")[:2000]
        assert "Derived from CountryInfo (c) 2012 Philip A. Schrodt" in head
        assert "CC BY-SA 3.0" in head


def test_sectors_are_plover_codes():
    lex = lexicon()
    people = [t.entry for tenures in lex.people.values() for t in tenures]
    entries = list(lex.phrases.values()) + list(lex.acronyms.values()) + people
    assert {e.sector for e in entries if e.sector} <= PLOVER_SECTORS
    assert all(len(e.country) == 3 and e.country.isupper() for e in entries if e.country)


def test_load_from_directory(tmp_path: Path):
    for f in PACKAGED.glob("*.tsv"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "places_curated.tsv", "a", encoding="utf-8") as out:
        out.write("Ruritania\tRUR\t-\ttest\n")
    assert read_dictionaries(tmp_path).phrases["ruritania"].country == "RUR"


def test_coding_an_actor_costs_far_less_than_parsing_its_sentence(nlp):
    # A ratio against parsing in the same run, not a wall-clock limit: the
    # machine's load moves both alike. Every actor of every event is coded, so a
    # name must cost a small part of the sentence it came from.
    lexicon()
    sentence = "Chinese President Xi Jinping met the Russian Defence Ministry and the European Commission on Monday."
    names = [("Xi Jinping", "PERSON", "Chinese President"), ("Russian Defence Ministry", "ORG", None),
             ("Maren Solberg", "PERSON", None), ("the European Commission", "ORG", None)] * 500
    nlp(sentence)
    start = time.perf_counter()
    for _ in range(20):
        nlp(sentence)
    parse = (time.perf_counter() - start) / 20
    start = time.perf_counter()
    for name, kind, title in names:
        code_actor(name, entity_type=kind, title=title)
    per_name = (time.perf_counter() - start) / len(names)
    assert per_name < 0.1 * parse  # about 0.2% in practice


def test_a_country_mistagged_as_a_person_is_coded_only_when_no_one_bears_its_name():
    assert code_actor("Sri Lanka", entity_type="PERSON") == Actor("LKA", None, None)
    assert code_actor("Saudi Arabia", entity_type="PERSON") == Actor("SAU", None, None)
    # one-word country names are given names too
    assert code_actor("Jordan", entity_type="PERSON") is None
    assert code_actor("Chad", entity_type="PERSON") is None
