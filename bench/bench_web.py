"""Load test for `onrecord serve`: N concurrent clients for T seconds, mixed pages and API.

    python3 bench/bench_web.py --db demo.db            # 20 clients, 30 s (the documented run)
    python3 bench/bench_web.py --db demo.db --clients 5 --seconds 5

Starts uvicorn on 127.0.0.1 (a free port) in a thread of this process, then runs
the clients as threads with one httpx.Client each (keep-alive). Prints p50/p95/p99
per request kind and overall, the request rate, and fails (exit 1) on any 5xx or
transport error. The goal is p95 <= 200 ms.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import statistics
import sys
import threading
import time
from collections import defaultdict

import httpx



class _Server:
    """uvicorn in its own process(es), as `onrecord serve --workers N` runs it,
    so the load generator's threads do not share a GIL with the server."""

    def __init__(self, proc: subprocess.Popen, port: int):
        self.proc, self.port = proc, port
        self.url = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _start_server(db: str, workers: int) -> _Server:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "ONRECORD_DB": db, "ONRECORD_TOKEN": "bench-token"}
    code = ("import uvicorn; uvicorn.run('onrecord.web.app:app_from_env', factory=True, host='127.0.0.1', "
            f"port={port}, workers={workers}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return _Server(proc, port)
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def _urls(client: httpx.Client) -> dict[str, list[str]]:
    """Real ids from the database, so every request hits something that exists."""
    arts = [a["id"] for a in client.get("/api/articles", params={"limit": 100}).json()["results"]]
    stats = client.get("/api/stats").json()
    people = [s["entity_id"] for s in stats["top_speakers"]]
    words = ["China", "Russia", "aid", "NATO", '"air defence"', "sanctions", "talks", "Ukraine OR Kyiv"]
    return {
        "page:search": ["/"] + [f"/?q={w}" for w in words] + ["/?event=AID&factuality=negated", "/?actor=CHN"],
        "page:article": [f"/articles/{a}" for a in arts],
        "page:person": [f"/entities/{p}" for p in people] + [f"/entities/{p}?by=week" for p in people],
        "page:network": ["/network", "/network?event=ASSAULT", "/network?from=2026-03"],
        "page:events": ["/events", "/events?source_code=CHN&target_code=RUS&event=AID"],
        "api:search": [f"/api/search?q={w}&facets=true" for w in words] + ["/api/search?speaker=Maren%20Solberg"],
        "api:article": [f"/api/articles/{a}" for a in arts],
        "api:entity": [f"/api/entities/{p}" for p in people],
        "api:events": ["/api/events?event=AID", "/api/events?actor=RUS&limit=100", "/api/network"],
        "feed": [],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="demo.db", help="database (build it: onrecord ingest src/onrecord/demo/articles.jsonl --db demo.db)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (onrecord serve --workers)")
    parser.add_argument("--url", help="benchmark an already running server instead of starting one")
    args = parser.parse_args()

    server = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        server = _start_server(args.db, args.workers)
        base = server.url
    try:
        with httpx.Client(base_url=base, timeout=30) as setup:
            urls = _urls(setup)
            wid = setup.post("/api/watches", headers={"X-Onrecord-Token": "bench-token"},
                             json={"name": "bench", "params": {"event": "AID"}, "include_existing": True}).json()["id"]
            urls["feed"] = [f"/watches/{wid}/feed.atom", "/watches"]
        kinds = [k for k in urls if urls[k]]
        times: dict[str, list[float]] = defaultdict(list)
        failures: list[str] = []
        lock = threading.Lock()
        stop_at = time.perf_counter() + args.seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=base, timeout=30) as c:
                while time.perf_counter() < stop_at:
                    kind = rng.choice(kinds)
                    url = rng.choice(urls[kind])
                    t0 = time.perf_counter()
                    try:
                        r = c.get(url)
                        status = r.status_code
                    except httpx.HTTPError as error:
                        status = f"transport error {error!r}"
                    dt = (time.perf_counter() - t0) * 1000
                    with lock:
                        times[kind].append(dt)
                        if not isinstance(status, int) or status >= 500:
                            failures.append(f"{status} {url}")

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        with httpx.Client(base_url=base, timeout=30) as c:
            c.delete(f"/api/watches/{wid}", headers={"X-Onrecord-Token": "bench-token"})
    finally:
        if server is not None:
            server.stop()

    def pct(values: list[float], p: float) -> float:
        values = sorted(values)
        return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

    every = [x for v in times.values() for x in v]
    print(f"{args.clients} clients, {elapsed:.1f} s, {len(every)} requests ({len(every) / elapsed:.0f}/s), "
          f"{len(failures)} 5xx/errors")
    print(f"{'kind':<14}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in sorted(times):
        v = times[kind]
        print(f"{kind:<14}{len(v):>7}{statistics.median(v):>9.1f}{pct(v, 95):>9.1f}{pct(v, 99):>9.1f}")
    print(f"{'all':<14}{len(every):>7}{statistics.median(every):>9.1f}{pct(every, 95):>9.1f}{pct(every, 99):>9.1f}")
    for f in failures[:10]:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
