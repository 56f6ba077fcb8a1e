"""PLV scores and their report: accuracy and per-class F1 over PLV roots.

Apart from ``evaluate.plv`` so that the encoder's trainer (``train.plover_encoder``),
which ``evaluate.plv`` runs for the accurate profile's cross-validation, can score
its folds without importing the evaluation back.
"""
from __future__ import annotations


def score(gold: list[str], pred: list[str | None]) -> dict:
    """Accuracy, macro-F1 over the gold roots, and a per-class table."""
    labels = sorted(set(gold))
    per = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        per[lab] = {"precision": pr, "recall": rc, "f1": f1, "support": tp + fn}
    n = len(gold)
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / n if n else 0.0
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return {"accuracy": acc, "macro_f1": macro, "per_class": per, "n": n}


def format_plv_report(result: dict, per_class: bool = True) -> str:
    lines = [f"PLV: {result['n']} sentences, {result.get('groups', '?')} near-duplicate groups, "
             f"{result['seconds']:.0f}s"]
    model = "encoder (accurate profile)" if result.get("profile") == "accurate" else "linear model (fast profile)"
    lines.append(f"classifier: {model}")
    labels = [("cv", f"{result['folds']}-fold grouped cross-validation (headline)"),
              ("rules", "lexicon + rules only (no trained weights)"),
              ("shipped", "shipped model (OPTIMISTIC on PLV_train: trained on it)")]
    for key, title in labels:
        if key in result:
            r = result[key]
            lines.append(f"{title:<58} accuracy {r['accuracy']:.3f}  macro-F1 {r['macro_f1']:.3f}")
    if "cv_skipped" in result:
        lines.append(f"cross-validation skipped: {result['cv_skipped']}")
    if not per_class:
        return "\n".join(lines)
    main = result.get("cv") or result["rules"]
    lines.append("")
    lines.append(f"{'root':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}   (per class, "
                 f"{'cross-validated' if 'cv' in result else 'rules'})")
    for lab, v in sorted(main["per_class"].items()):
        lines.append(f"{lab:<10} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['support']:5d}")
    return "\n".join(lines)
