"""Time each pipeline component on its own over the first N Wikinews articles.

    python bench/profile_components.py [--articles N] [--rules-only] [--profile fast|accurate]
"""
from __future__ import annotations

import argparse
import time

from bench_extract import load_texts  # first: it hides torch, as a user's install has none
import onrecord


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=80)
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--profile", choices=["fast", "accurate"], default="fast")
    args = parser.parse_args()
    texts = load_texts(args.articles)
    nlp = onrecord.load(rules_only=args.rules_only, profile=args.profile)
    list(nlp.pipe(texts[:5]))  # warm up
    docs = [nlp.make_doc(t) for t in texts]
    seconds = {}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        seconds[name] = time.perf_counter() - started
    total = sum(seconds.values())
    for name, s in seconds.items():
        print(f"{name:32s} {s:6.2f} s {100 * s / total:5.1f}%")


if __name__ == "__main__":
    main()
