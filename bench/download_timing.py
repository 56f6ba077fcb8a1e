"""Time the web downloads in-process: python bench/download_timing.py DB [profile].
Prints URL, status, bytes and seconds for each (docs/performance.md, issue 14)."""
import sys, time, cProfile, pstats
from fastapi.testclient import TestClient
from onrecord.web.app import create_app
c = TestClient(create_app(sys.argv[1]), raise_server_exceptions=False)
for url in ["/download/events.csv", "/download/events.csv", "/download/attributions.csv", "/download/events.jsonl"]:
    t = time.perf_counter(); r = c.get(url); print(url, r.status_code, len(r.content), round(time.perf_counter() - t, 3))
if len(sys.argv) > 2:
    cProfile.run('c.get("/download/events.csv")', "/tmp/wh/prof")
    pstats.Stats("/tmp/wh/prof").sort_stats("cumtime").print_stats(15)
