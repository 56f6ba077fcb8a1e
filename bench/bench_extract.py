"""Speed of full extraction against the bare spaCy model, in one process, for
each attribution profile (fast: span model and rules; accurate: the encoder).

Bare spaCy and each profile run over the same Wikinews articles, alternating
rounds so that machine noise hits them alike; the ratio of their best rounds is
the figure we report. Bare spaCy runs with its default batch size and with
onrecord's, and the faster of the two is the baseline.
Peak memory is measured in a fresh child process per profile that only
extracts, which is what a user's process holds.

torch is hidden from this process and the children (thinc imports it whenever
it is installed, and it adds some 250 MB): onrecord never needs it, and
``pip install onrecord`` or ``'onrecord[accurate]'`` does not install it.

    python bench/bench_extract.py [--profile fast|accurate|both] [--articles N] [--rounds R]
                                  [--model NAME] [--rules-only]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.modules.setdefault("torch", None)  # type: ignore[arg-type]  # before spaCy: see the docstring

import spacy  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "data" / "wikinews" / "enwikinews.jsonl"
PROFILES = ("fast", "accurate")
# Issue 12's goals per profile: articles/s against bare spaCy at least, peak RSS (MB) at most.
GOALS = {"fast": {"ratio": 0.75, "peak_rss_mb": 700}, "accurate": {"ratio": 0.25, "peak_rss_mb": 1024}}


def load_texts(limit: int) -> list[str]:
    if not WIKINEWS.exists():
        sys.exit(f"benchmark data not found: {WIKINEWS} (the shared data folder beside the repo)")
    texts = [json.loads(line)["text"] for line in WIKINEWS.read_text(encoding="utf-8").splitlines()]
    return texts[:limit]


@dataclass
class Timing:
    """One round: wall-clock seconds, and the CPU seconds this process spent. On a
    machine shared with other jobs the wall clock counts the time spent waiting for
    a core; the CPU time does not, so its ratio is the steadier one there."""

    wall: float
    cpu: float


def _timed(run) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def bare_round(nlp, texts: list[str], batch_size: int | None = None) -> Timing:
    """Bare spaCy ``nlp.pipe``: with its default batch size, or with ours."""
    def run():
        for _ in nlp.pipe(texts, batch_size=batch_size) if batch_size else nlp.pipe(texts):
            pass

    return _timed(run)


def full_round(nlp, texts: list[str]) -> Timing:
    from onrecord import batch
    from onrecord.items import ArticleInput
    from onrecord.schema import Article

    items = [ArticleInput(t, Article(id=str(i)), str(i)) for i, t in enumerate(texts)]

    def run():
        for _ in batch.extract_batch(items, nlp):
            pass

    return _timed(run)


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not getrusage: ru_maxrss
    survives fork and exec, so a child would report its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_child(model: str | None, limit: int, rules_only: bool, profile: str = "fast") -> float:
    """Peak RSS (MB) of a fresh process that loads onrecord and extracts the articles
    (importing this module first hides torch there too)."""
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "import bench_extract as b, onrecord\n"
        "nlp = onrecord.load(%r, rules_only=%r, profile=%r)\n"
        "b.full_round(nlp, b.load_texts(%d))\n"
        "assert 'torch' not in sys.modules or sys.modules['torch'] is None\n"
        "print(b.peak_rss_mb())\n"
    ) % (str(Path(__file__).parent), model, rules_only, profile, limit)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def profile_label(profile: str, rules_only: bool) -> str:
    if profile == "accurate":
        return "accurate (attribution encoder, int8 ONNX)"
    return "fast, rules-only" if rules_only else "fast (span model + rules)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", choices=PROFILES + ("both",), default="both",
                        help="which attribution profile(s) to measure (default: both, against the same baseline)")
    parser.add_argument("--articles", type=int, default=351, help="how many Wikinews articles (default: all 351)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of each (default 3)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: onrecord's default)")
    parser.add_argument("--rules-only", action="store_true", help="measure the fast profile without the span model")
    args = parser.parse_args()
    load_at_start = os.getloadavg()  # how busy the machine was: others' jobs slow the wall clock

    import onrecord
    from onrecord import pipeline
    from onrecord.batch import BATCH_SIZE

    profiles = PROFILES if args.profile == "both" else (args.profile,)
    texts = load_texts(args.articles)
    model = args.model or pipeline.default_model()
    bare = spacy.load(model)
    pipelines = {p: onrecord.load(model, rules_only=args.rules_only, profile=p) for p in profiles}
    bare_round(bare, texts[:10])  # warm up every one
    for nlp in pipelines.values():
        full_round(nlp, texts[:10])

    bare_default: list[Timing] = []
    bare_ours: list[Timing] = []
    full_times: dict[str, list[Timing]] = {p: [] for p in profiles}
    for _ in range(args.rounds):
        bare_default.append(bare_round(bare, texts))
        bare_ours.append(bare_round(bare, texts, BATCH_SIZE))
        for p, nlp in pipelines.items():
            full_times[p].append(full_round(nlp, texts))

    def rate(timings: list[Timing], clock: str = "wall") -> float:
        """Articles per second in the best round."""
        return len(texts) / min(getattr(t, clock) for t in timings)

    # The baseline is bare spaCy at whichever batch size is faster for it.
    bare_rate = rate(bare_default + bare_ours)
    bare_cpu_rate = rate(bare_default + bare_ours, "cpu")
    measured = {}
    for p in profiles:
        ratio = rate(full_times[p]) / bare_rate
        rss = peak_rss_child(args.model, args.articles, args.rules_only, p)
        goal = GOALS[p]
        measured[p] = {
            "profile": profile_label(p, args.rules_only),
            "onrecord_articles_per_s": round(rate(full_times[p]), 2),
            "ratio": round(ratio, 3),
            "onrecord_articles_per_cpu_s": round(rate(full_times[p], "cpu"), 2),
            "ratio_cpu_time": round(rate(full_times[p], "cpu") / bare_cpu_rate, 3),
            "peak_rss_mb_extract_only": round(rss, 1),
            "goal": goal,
            "meets_goal": ratio >= goal["ratio"] and rss <= goal["peak_rss_mb"],
        }
    result = {
        "model": model,
        "articles": len(texts),
        "characters": sum(map(len, texts)),
        "rounds": args.rounds,
        "bare_spacy_articles_per_s": round(bare_rate, 2),
        "bare_spacy_default_batch_articles_per_s": round(rate(bare_default), 2),
        "bare_spacy_batch_%d_articles_per_s" % BATCH_SIZE: round(rate(bare_ours), 2),
        "bare_spacy_articles_per_cpu_s": round(bare_cpu_rate, 2),
        "load_average_at_start": [round(x, 2) for x in load_at_start],
        "profiles": measured,
        "bench_process_peak_rss_mb": round(peak_rss_mb(), 1),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
