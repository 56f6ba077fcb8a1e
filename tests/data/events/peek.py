"""Labelling aid: print the next N untaken articles of a corpus in its seeded order (uses show.py)."""
import json, os, sys, subprocess
import common_io as c
corpus, n = sys.argv[1], int(sys.argv[2])
texts = c.load_texts(c.data_dir(os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../.."))))
ex = {json.loads(l)["article"] for l in open("../speakers/speakers.jsonl")}
done = {tuple(l.split()[:2]) for l in open("labels/ORDER.txt") if not l.startswith("#")}
out = [a for a in c.shuffled([a for (k, a) in texts if k == corpus]) if a not in ex and (corpus, a) not in done][:n]
for a in out:
    subprocess.run([sys.executable, "show.py", corpus, a])
