"""Feed polling and page latency benchmark.

1. ``watch``: a local feed site (loopback only, one threaded server per address
   127.0.0.1 … 127.0.0.N, so the per-host turns of the fetcher spread over N hosts)
   serves ``--feeds`` feeds of ``--items`` entries each (the synthetic reports of
   ``bench_stories.py``, about 10 an event, dealt round-robin). Three rounds of
   :func:`newsbrief.watch.poll_due` over every feed are timed: all entries new
   (fetch, parse, store, group; briefings are left out, ``bench_speed.py`` times
   them), all answered 304 (ETag), and all re-sent without validators with nothing
   new (de-duplication by key). Items per second and the process's peak memory.
2. pages: ``newsbrief serve`` (its own process) over that store, after the briefings
   are refreshed; ``--readers`` threads each fetch the story list, a search and story
   pages; latency p50 / p99 per page kind.

Host pauses are 0 here (``feed_host_interval`` is a politeness setting, not a cost of
the code): the figures are what the poller itself can do.

    python benchmarks/bench_watch.py [--feeds 200] [--items 10] [--readers 50] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from feedserver import FeedSite, Item, Route, rss, serve


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _all_items(feeds: int, count: int) -> list[list[Item]]:
    """The synthetic stream of ``bench_stories.py`` (about 10 reports an event) dealt
    round-robin to the feeds, so each feed carries reports of many stories."""
    import datetime as dt
    from email.utils import format_datetime

    from bench_stories import synthetic_stream

    out: list[list[Item]] = [[] for _ in range(feeds)]
    for n, (report, _) in enumerate(synthetic_stream(feeds * count)):
        day = dt.datetime.fromisoformat(str(report["date"])).replace(hour=9, tzinfo=dt.UTC)
        out[n % feeds].append(
            Item(
                guid=str(report["id"]),
                title=str(report.get("title") or report["id"]),
                text=str(report["text"]),
                link=f"https://news.example/{report['id']}",
                date=format_datetime(day, usegmt=True),
            )
        )
    return out


def bench_polling(db: str, feeds: int, items: int, hosts: int) -> dict[str, Any]:
    from newsbrief.config import Settings
    from newsbrief.store import Store
    from newsbrief.store.feeds import FeedStore
    from newsbrief.watch import Fetcher, poll_due

    settings = replace(Settings(), feed_host_interval=0.0, feed_workers=hosts, feed_retries=0)
    results: dict[str, Any] = {"feeds": feeds, "items_per_feed": items, "hosts": hosts}
    with ExitStack() as stack:
        sites = [stack.enter_context(serve(FeedSite(), f"127.0.0.{h + 1}")) for h in range(hosts)]
        routes = []
        items_by_feed = _all_items(feeds, items)
        with Store.open(db) as store:
            registry = FeedStore(store)
            for f in range(feeds):
                site = sites[f % hosts]
                route = Route(rss(f"Feed {f}", items_by_feed[f]), etag=f'"{f}-1"')
                site.routes[f"/feed{f}.xml"] = route
                routes.append(route)
                registry.add(site.url(f"/feed{f}.xml"))
            base_mib = _peak_mib()
            with Fetcher(settings) as fetcher:
                for name, prepare in (
                    ("new", None),
                    ("not_modified", None),
                    ("unchanged_no_etag", lambda r: setattr(r, "etag", None)),
                ):
                    if prepare:
                        for route in routes:
                            prepare(route)
                    start = time.perf_counter()
                    report = poll_due(store, settings, fetcher=fetcher, every=True, brief=False)
                    seconds = time.perf_counter() - start
                    results[name] = {
                        "seconds": round(seconds, 2),
                        "feeds_per_s": round(report.polled / seconds, 1),
                        "items_per_s": round(report.added / seconds, 1) if report.added else None,
                        "added": report.added,
                        "not_modified": report.not_modified,
                        "failed": report.failed,
                    }
            results["peak_rss_mib"] = round(_peak_mib(), 1)
            results["rss_before_polling_mib"] = round(base_mib, 1)
            results["documents"] = store.count("documents")
            results["stories"] = store.count_stories()
    return results


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_pages(db: str, readers: int, per_reader: int) -> dict[str, Any]:
    import httpx

    from newsbrief.store import Store
    from newsbrief.stories import refresh_briefings

    with Store.open(db) as store:
        refresh_briefings(store, store.stale_stories())
        story_ids = [s.id for s in store.stories(limit=20)]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsbrief.cli", "serve", "--db", db, "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/api/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        pages = {
            "list": ["/"],
            "search": ["/?q=Riverton+flood", "/?q=election", "/?q=chemical+plant"],
            "story": [f"/stories/{i}" for i in story_ids],
        }
        times: dict[str, list[float]] = {k: [] for k in pages}
        errors = 0
        lock = threading.Lock()

        def reader(n: int) -> None:
            nonlocal errors
            with httpx.Client(base_url=base, timeout=60) as client:
                for i in range(per_reader):
                    kind = ("list", "search", "story")[(n + i) % 3]
                    paths = pages[kind]
                    path = paths[(n * 7 + i) % len(paths)]
                    start = time.perf_counter()
                    answer = client.get(path)
                    spent = time.perf_counter() - start
                    with lock:
                        times[kind].append(spent)
                        errors += int(answer.status_code != 200)

        threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(10)
    out: dict[str, Any] = {"readers": readers, "requests": readers * per_reader, "errors": errors}
    out["requests_per_s"] = round(readers * per_reader / wall, 1)
    for kind, values in times.items():
        if values:
            q = statistics.quantiles(values, n=100)
            out[kind] = {"p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200, help="feeds to poll (default 200)")
    parser.add_argument("--items", type=int, default=10, help="entries per feed (default 10)")
    parser.add_argument("--hosts", type=int, default=8, help="loopback addresses (default 8)")
    parser.add_argument("--readers", type=int, default=50, help="concurrent readers (default 50)")
    parser.add_argument("--requests", type=int, default=20, help="requests per reader")
    parser.add_argument("--json", help="also write the results as JSON here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        db = str(Path(tmp) / "watch.sqlite")
        polling = bench_polling(db, args.feeds, args.items, args.hosts)
        print(json.dumps({"watch": polling}, indent=2), flush=True)
        pages = bench_pages(db, args.readers, args.requests)
        print(json.dumps({"pages": pages}, indent=2), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"watch": polling, "pages": pages}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
