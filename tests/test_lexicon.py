"""Lexicons are data: they load, fail clearly when malformed, and are documented."""
import dataclasses
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from onrecord import lexicon, schema
from onrecord.errors import LexiconError

DOCS = Path(__file__).resolve().parents[1] / "docs"
PACKAGED = Path(str(resources.files("onrecord") / "lexicons"))


def test_default_lexicons_load_with_versions():
    lex = lexicon.default()
    assert lex.verbs["say"].content_roles[0] == "ccomp"
    assert lex.phrases[("express", "skepticism")] == "speech"
    assert "chief" in lex.roles and lex.titles["ms"] == ("honorific", "f")
    assert "cue_verbs=4" in lex.version


def test_malformed_line_names_file_and_line(tmp_path):
    folder = tmp_path / "lex"
    shutil.copytree(PACKAGED, folder)
    with (folder / "cue_verbs.tsv").open("a") as f:
        f.write("shout speech\n")
    with pytest.raises(LexiconError, match=r"cue_verbs.tsv, line \d+: expected 3"):
        lexicon.read_lexicons(folder)


def test_unknown_class_lists_valid_ones(tmp_path):
    folder = tmp_path / "lex"
    shutil.copytree(PACKAGED, folder)
    with (folder / "cue_verbs.tsv").open("a") as f:
        f.write("yell\tshouting\tccomp\n")
    with pytest.raises(LexiconError, match="not one of speech, writing, belief"):
        lexicon.read_lexicons(folder)


def test_every_lexicon_file_is_documented():
    text = (DOCS / "lexicons.md").read_text()
    for path in PACKAGED.glob("*.tsv"):
        assert f"## {path.name}" in text, path.name
    for path in (PACKAGED / "actors").glob("*.tsv"):
        assert f"### actors/{path.name}" in text, path.name
    for folder in ("events", "factuality", "dates", "attribution"):
        for path in (PACKAGED / folder).glob("*.tsv"):
            assert f"{folder}/{path.name}" in text, path.name


def test_word_lists_read_once_and_name_a_missing_list():
    assert lexicon.words("events/words.tsv", "light_verb") is lexicon.words("events/words.tsv", "light_verb")
    assert "launch" in lexicon.words("events/words.tsv", "light_verb")
    with pytest.raises(LexiconError, match="has no list 'heavy_verb'"):
        lexicon.words("events/words.tsv", "heavy_verb")


def test_every_schema_field_is_documented():
    text = (DOCS / "schema.md").read_text()
    for cls in (schema.Record, schema.Article, schema.Span, schema.Entity, schema.Attribution, schema.Actor,
                schema.Event, schema.Predicate, schema.DateMention):
        section = re.search(rf"## {cls.__name__}\n(.*?)(\n## |\Z)", text, re.S)
        assert section, f"no section for {cls.__name__}"
        for field in dataclasses.fields(cls):
            assert f"`{field.name}`" in section.group(1), f"{cls.__name__}.{field.name} undocumented"
