"""A person's title and affiliation as the article gives them, and the code they give.
Made-up names in made-up sentences, run through the whole pipeline."""
from __future__ import annotations

import pytest


def _person(rec, name):
    return next(e for e in rec.entities if e.name == name)


@pytest.mark.parametrize(
    ("text", "name", "title", "country"),
    [
        # a title's own prepositional phrase stands between its head and the name
        ("US Ambassador to Germany Orla Brennan said the talks had failed.", "Orla Brennan",
         "US Ambassador to Germany", "USA"),
        ("United States Senator from Vermont Dale Ruskin won the caucus on Saturday.", "Dale Ruskin",
         "United States Senator from Vermont", "USA"),
        ("US Secretary of State Marla Quint sent a letter to the minister.", "Marla Quint",
         "US Secretary of State", "USA"),
        # adjectives inside the title
        ("Former US presidential candidate Ada Winslow endorsed the governor on Monday.", "Ada Winslow",
         "Former US presidential candidate", "USA"),
    ],
)
def test_a_long_title_before_the_name_codes_the_person(extract, text, name, title, country):
    person = _person(extract(text), name)
    assert person.title == title
    assert person.actor is not None and person.actor.country == country and person.actor.rule == "title"


def test_an_of_phrase_after_a_titled_name_is_the_affiliation(extract):
    rec = extract("Prime Minister Tomas Hradek of the Slovak Republic posted a message on Friday.")
    person = _person(rec, "Tomas Hradek")
    assert person.affiliation == "Slovak Republic"
    assert person.actor.country == "SVK" and person.actor.rule == "affiliation"


def test_an_of_phrase_naming_an_organisation_is_the_affiliation(extract):
    rec = extract("The court had been petitioned by Moira Kellan of the Scottish National Party and others.")
    assert _person(rec, "Moira Kellan").affiliation == "Scottish National Party"


def test_a_place_after_an_untitled_name_is_where_they_are_from_not_who_they_act_for(extract):
    rec = extract("Republicans attacked the inquiry, with Dwight Farrow of Louisiana calling it a sham.")
    person = _person(rec, "Dwight Farrow")
    assert person.affiliation is None
    assert person.actor is None or person.actor.country is None
