"""Write every record of the first N Wikinews articles as JSONL, to compare two
versions of the code: a speed change must leave the records as they were.

    python bench/dump_records.py --profile accurate --articles 30 > before.jsonl
    ... change the code ...
    python bench/dump_records.py --profile accurate --articles 30 > after.jsonl
    cmp before.jsonl after.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys

sys.modules.setdefault("torch", None)  # type: ignore[arg-type]  # thinc imports torch when installed; not needed here

import onrecord  # noqa: E402
from bench_extract import load_texts  # noqa: E402
from onrecord import batch  # noqa: E402
from onrecord.items import ArticleInput  # noqa: E402
from onrecord.schema import Article  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--profile", choices=["fast", "accurate"], default="fast")
    args = parser.parse_args()
    nlp = onrecord.load(profile=args.profile)
    items = [ArticleInput(t, Article(id=str(i)), str(i)) for i, t in enumerate(load_texts(args.articles))]
    for record in batch.extract_batch(items, nlp):
        print(json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
