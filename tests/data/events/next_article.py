"""Labelling aid: suggest the next article. Each corpus is walked in its seeded order (speaker-set articles
excluded); it suggests Wikinews while its candidates are at most 1.5x PolNeAR's (aiming ~60/40). Articles were in
practice taken in small batches, so labels/ORDER.txt (the order actually taken) is the record, not this rule."""
import json
import os

import common_io as c

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../../.."))


def main() -> None:
    data = c.data_dir(ROOT)
    texts = c.load_texts(data)
    excluded = {json.loads(l)["article"] for l in open(os.path.join(ROOT, "tests/data/speakers/speakers.jsonl"))}
    done = [l.split() for l in open(os.path.join(HERE, "labels/ORDER.txt")) if l.strip() and not l.startswith("#")]
    done_ids = {(f[0], f[1]) for f in done}
    counts = {"wikinews": 0, "polnear": 0}
    for f in done:
        p = os.path.join(HERE, "labels", f"{f[0]}__{f[1]}.txt")
        if os.path.exists(p):
            counts[f[0]] += sum(1 for l in open(p) if l[:2] in ("E ", "N "))
    corpus = "wikinews" if counts["wikinews"] <= 1.5 * counts["polnear"] else "polnear"
    for art in c.shuffled([a for (k, a) in texts if k == corpus]):
        if art in excluded or (corpus, art) in done_ids:
            continue
        words = len(texts[(corpus, art)].split())
        print(counts, sum(counts.values()), "->", corpus, art, words, "words", "(SKIP: too long)" if words > c.MAX_WORDS else "")
        return


main()
