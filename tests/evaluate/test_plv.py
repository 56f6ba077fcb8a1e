"""PLV scorer: unit tests on a tiny file, plus the real file when ../shared is present."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import DataNotFoundError
from onrecord.evaluate.plv import evaluate_plv, format_plv_report, score
from onrecord.train.plover import assign_groups, Example, parse_marked

PLV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "plover" / "train" / "PLV_train.tsv"


def test_parse_marked_offsets():
    text, s, t = parse_marked("<s>Ukraine</s> accuses <t>Russia</t> of <t>Russia</t>'s acts.")
    assert text == "Ukraine accuses Russia of Russia's acts."
    assert text[s[0]:s[1]] == "Ukraine" and text[t[0]:t[1]] == "Russia" and t[0] == 16
    text, s, t = parse_marked("<s>The army </s>withdrew.")
    assert text[s[0]:s[1]] == "The army" and t is None


def test_score_macro_and_accuracy():
    r = score(["A", "A", "B", "B"], ["A", "B", "B", None])
    assert r["accuracy"] == 0.5
    assert r["per_class"]["A"]["f1"] == pytest.approx(2 / 3)
    assert r["macro_f1"] == pytest.approx((2 / 3 + 0.5) / 2)


def test_near_duplicates_share_a_group():
    ex = [Example("Ukraine accuses Russia of sending tanks.", "ACCUSE", None, None),
          Example("Ukraine accuses Russia of sending tanks again.", "ACCUSE", None, None),
          Example("China sent aid to Nepal.", "AID", None, None)]
    assign_groups(ex)
    assert ex[0].group == ex[1].group != ex[2].group


def test_missing_file():
    with pytest.raises(DataNotFoundError):
        evaluate_plv("/nonexistent/PLV.tsv")


@pytest.mark.slow
def test_tiny_file(tmp_path):
    rows = ["\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root"]
    data = [("Ukraine accuses Russia of shelling.", "<s>Ukraine</s> accuses <t>Russia</t> of shelling.", "ACCUSE"),
            ("The army withdrew from Kherson.", "<s>The army</s> withdrew from <t>Kherson</t>.", "YIELD"),
            ("Rebels attacked a convoy.", "<s>Rebels</s> attacked <t>a convoy</t>.", "ASSAULT")]
    for k, (s, m, g) in enumerate(data):
        rows.append(f"{k}\t{k}\t{s}\t{m}\t\t\t{g}")
    p = tmp_path / "plv.tsv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = evaluate_plv(p, folds=0)
    assert r["n"] == 3 and "cv" not in r
    assert r["rules"]["accuracy"] == 1.0 and r["shipped"]["accuracy"] >= 2 / 3
    assert "OPTIMISTIC" in format_plv_report(r)


@pytest.mark.slow
@pytest.mark.skipif(not PLV.is_file(), reason=f"PLV_train not found at {PLV}")
def test_real_plv_rules_and_shipped():
    r = evaluate_plv(PLV, folds=0)
    assert r["n"] > 1000
    assert r["rules"]["accuracy"] > 0.5
    assert r["shipped"]["accuracy"] > 0.9


def test_unknown_profile_lists_the_choices(tmp_path):
    with pytest.raises(ValueError, match="fast, accurate"):
        evaluate_plv(tmp_path / "plv.tsv", profile="precise")


@pytest.mark.slow
def test_tiny_file_accurate_profile(tmp_path):
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    p = tmp_path / "plv.tsv"
    rows = ["\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root",
            "0\t0\tRebels attacked a convoy.\t<s>Rebels</s> attacked <t>a convoy</t>.\t\t\tASSAULT",
            "1\t1\tIran threatened Israel.\t<s>Iran</s> threatened <t>Israel</t>.\t\t\tTHREATEN"]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = evaluate_plv(p, folds=0, profile="accurate")
    assert r["profile"] == "accurate" and "cv" not in r and "cv_skipped" not in r
    assert r["shipped"]["accuracy"] == 1.0
    assert "encoder (accurate profile)" in format_plv_report(r)


@pytest.mark.slow
def test_accurate_cross_validation_without_torch_says_why(tmp_path):
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    try:
        import torch  # noqa: F401
        pytest.skip("torch is installed here, so the cross-validation would run (about 20 minutes)")
    except ImportError:
        pass
    p = tmp_path / "plv.tsv"
    p.write_text("\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
                 "0\t0\tRebels attacked a convoy.\t<s>Rebels</s> attacked <t>a convoy</t>.\t\t\tASSAULT\n",
                 encoding="utf-8")
    r = evaluate_plv(p, folds=2, profile="accurate")
    assert "cv" not in r and "onrecord[train-encoder]" in r["cv_skipped"]
    assert "cross-validation skipped" in format_plv_report(r)


@pytest.mark.slow
def test_both_profiles_in_one_run(tmp_path):
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    from onrecord.evaluate.plv import evaluate_profiles, format_profiles_report

    p = tmp_path / "plv.tsv"
    p.write_text("\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
                 "0\t0\tRebels attacked a convoy.\t<s>Rebels</s> attacked <t>a convoy</t>.\t\t\tASSAULT\n"
                 "1\t1\tIran threatened Israel.\t<s>Iran</s> threatened <t>Israel</t>.\t\t\tTHREATEN\n",
                 encoding="utf-8")
    results = evaluate_profiles(p, folds=0)
    assert set(results) == {"fast", "accurate"}
    assert results["accurate"]["shipped"]["accuracy"] == 1.0 and "cv" not in results["accurate"]
    report = format_profiles_report(results)
    assert "linear model (fast profile)" in report and "encoder (accurate profile)" in report
    assert "--profile accurate" in report
    with pytest.raises(ValueError, match="fast, accurate, both"):
        evaluate_profiles(p, profile="slow")
