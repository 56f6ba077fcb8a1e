"""End-to-end PLV scoring on a small file written here (no ../shared needed)."""
from __future__ import annotations

import pytest

from onrecord.errors import DataNotFoundError
from onrecord.evaluate.plv_events import evaluate_plv_events, format_plv_events_report, gold_codes

ROWS = [
    ("<s>Germany</s> sent tanks to <t>Ukraine</t> on Monday.", "AID"),
    ("<s>France</s> condemned <t>Russia</t> for the attack.", "ACCUSE"),
    ("<s>The company</s> praised <t>the new rules</t>.", "SUPPORT"),
    ("<s>Israel</s> launched cyber attacks against <t>Iran and Lebanon</t>.", "ASSAULT"),
]


@pytest.fixture()
def plv_file(tmp_path):
    path = tmp_path / "plv.tsv"
    lines = ["\tsentence_id\tsentence\tmarked_sentence\tgold_root"]
    for k, (marked, root) in enumerate(ROWS):
        plain = marked.replace("<s>", "").replace("</s>", "").replace("<t>", "").replace("</t>", "")
        lines.append(f"\t{k}\t{plain}\t{marked}\t{root}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_clear_sentences_are_found_and_right_end_to_end(plv_file, nlp):
    result = evaluate_plv_events(plv_file, nlp)
    assert result["n"] == 4
    # Only the three sentences whose actors are states can be judged on codes.
    assert result["codable"] == 3
    assert result["all_correct_of_codable"] == 1.0
    # coded to its first code only, "Iran and Lebanon" is {IRN}: the event's {IRN, LBN} is wrong
    assert result["all_correct_first_code"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["pair_found"] >= 3 / 4
    assert "all right" in format_plv_events_report(result)


def test_gold_phrases_that_list_actors_code_to_a_set():
    text = "Somalia, Ethiopia and Kenya; Trinidad and Tobago; the government and people of Saudi Arabia"
    first, second, third = (0, 27), (29, 48), (50, len(text))
    assert gold_codes(text, first) == {"SOM", "ETH", "KEN"}
    assert gold_codes(text, first, split=False) == {"SOM"}
    assert gold_codes(text, second) == {"TTO"}
    assert gold_codes(text, third) == {"SAU"}
    assert gold_codes(text, None) == frozenset()


def test_missing_file_is_a_clear_error(tmp_path, nlp):
    with pytest.raises(DataNotFoundError):
        evaluate_plv_events(tmp_path / "nope.tsv", nlp)
