#!/usr/bin/env python3
"""Re-validate speakers.jsonl against the source texts.

Checks, for every item: text[start:end] hashes to `sha1`; for Wikinews the
stored `text` equals text[start:end]; cue and mention offsets reproduce the
stored cue / mention strings; required keys and enumerations are valid; the
split is constant per article; items are sorted by (corpus, article, start).
Exit status 0 if everything passes, 1 otherwise.

Usage: python3 check.py [path/to/speakers.jsonl]
Source paths can be overridden with WIKINEWS_JSONL and POLNEAR_TEXT_DIR.
"""
import hashlib, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "speakers.jsonl")
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "data"))  # beside the clone
WIKINEWS = os.environ.get("WIKINEWS_JSONL", os.path.join(SHARED, "wikinews", "enwikinews.jsonl"))
POLNEAR = os.environ.get("POLNEAR_TEXT_DIR", os.path.join(SHARED, "polnear", "train", "text"))

KEYS = ["corpus", "article", "split", "start", "end", "group", "sha1", "cue", "cue_start",
        "cue_end", "kind", "act", "speaker", "speaker_named", "mention", "mention_start",
        "mention_end", "nested"]

def main():
    wiki = {}
    with open(WIKINEWS, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            wiki[a["id"]] = a["text"]
    cache = {}
    def text_of(corpus, art):
        if corpus == "wikinews":
            return wiki[art]
        if art not in cache:
            with open(os.path.join(POLNEAR, art + ".txt"), encoding="utf-8") as f:
                cache[art] = f.read()
        return cache[art]

    errors = []
    rows = []
    with open(LABELS, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                rows.append((n, json.loads(line)))
    split_of = {}
    prev = None
    for n, r in rows:
        def err(msg):
            errors.append("line %d (%s %s %s-%s): %s" % (n, r.get("corpus"), r.get("article"), r.get("start"), r.get("end"), msg))
        missing = [k for k in KEYS if k not in r]
        if missing:
            err("missing keys %s" % missing); continue
        if r["corpus"] not in ("wikinews", "polnear-train"): err("bad corpus")
        if r["split"] not in ("dev", "heldout", "train"): err("bad split")
        if r["kind"] not in ("direct", "indirect", "mixed"): err("bad kind")
        if r["act"] not in ("speech", "thought", "evidence"): err("bad act")
        if not isinstance(r["speaker_named"], bool): err("speaker_named not bool")
        if not isinstance(r["group"], int): err("group not int")
        key = (r["corpus"], r["article"])
        if split_of.setdefault(key, r["split"]) != r["split"]: err("split differs within article")
        order = (r["corpus"], r["article"], r["start"])
        if prev is not None and order < prev: err("file not sorted")
        prev = order
        try:
            t = text_of(*key)
        except (KeyError, FileNotFoundError):
            err("source text not found"); continue
        if not (0 <= r["start"] < r["end"] <= len(t)): err("content offsets out of range"); continue
        content = t[r["start"]:r["end"]]
        if hashlib.sha1(content.encode("utf-8")).hexdigest() != r["sha1"]: err("sha1 mismatch")
        if r["corpus"] == "wikinews":
            if r.get("text") != content: err("stored text differs from source")
        elif "text" in r:
            err("PolNeAR item must not store text")
        for name in ("cue", "mention"):
            s, e, v = r[name + "_start"], r[name + "_end"], r[name]
            if v is None:
                if s is not None or e is not None: err(name + " null but offsets set")
            elif s is None or t[s:e] != v:
                err("%s offsets do not reproduce %r" % (name, v))
    by_corpus = {}
    for _, r in rows:
        by_corpus.setdefault((r["corpus"], r["split"]), 0)
        by_corpus[(r["corpus"], r["split"])] += 1
    print("items: %d, articles: %d" % (len(rows), len(split_of)))
    for k in sorted(by_corpus):
        print("  %s / %s: %d" % (k[0], k[1], by_corpus[k]))
    if errors:
        print("%d ERRORS" % len(errors))
        for e in errors[:50]:
            print("  " + e)
        return 1
    print("OK: all offsets, hashes and stored texts match the sources")
    return 0

if __name__ == "__main__":
    sys.exit(main())
