"""Fetch benchmark: the pipeline's HTTP fetcher versus a plain sequential loop, same run, same server.

A local server process listens on 20 ports (20 hosts for the fetcher: robots.txt, limits and
delays are per ``scheme://host:port``) and answers every request after 50 ms. It counts the
requests in flight per port, so the per-host limit is checked where it matters: at the server.

    .venv/bin/python bench/fetch.py                  # 2,000 pages; sequential baseline on 300 of them
    .venv/bin/python bench/fetch.py --baseline-pages 2000   # the full sequential loop (~2 min)

The URL list is grouped by host (as the sources file lists pages per outlet), the worst order
for a plain thread pool with per-host locks.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.lib.fetch import HttpFetcher, HttpSettings

BODY = (
    "<html><head><meta charset='utf-8'><title>خبر</title></head><body>"
    + "<p>نص الخبر للتجربة فقط، فقرة تتكرر لتقارب حجم صفحة إخبارية.</p>" * 60
    + "</body></html>"
).encode()


def serve(ports_out: mp.Queue, hosts: int, latency: float) -> None:
    active = [0] * hosts
    peak = [0] * hosts
    served = [0] * hosts

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, i: int) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                while await reader.readline() not in (b"\r\n", b"\n", b""):
                    pass
                path = line.split()[1].decode()
                status, body, ctype = 200, BODY, "text/html; charset=utf-8"
                if path == "/__stats":
                    body = json.dumps({"peak": peak, "served": served}).encode()
                    ctype = "application/json"
                elif path == "/__reset":
                    for k in range(hosts):
                        peak[k] = served[k] = 0
                    body = b"{}"
                else:
                    active[i] += 1
                    peak[i] = max(peak[i], active[i])
                    served[i] += 1
                    await asyncio.sleep(latency)
                    active[i] -= 1
                    if path == "/robots.txt":
                        status, body, ctype = 404, b"", "text/plain"
                head = f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
                writer.write(head.encode() + body)
                await writer.drain()
        except (ConnectionError, IndexError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = []
        for i in range(hosts):
            server = await asyncio.start_server(
                lambda r, w, i=i: handle(r, w, i), "127.0.0.1", 0, backlog=1024
            )
            servers.append(server)
        ports_out.put([s.sockets[0].getsockname()[1] for s in servers])
        await asyncio.Event().wait()

    asyncio.run(main())


def stats(port: int) -> dict:
    return httpx.get(f"http://127.0.0.1:{port}/__stats").json()


def reset(port: int) -> None:
    httpx.get(f"http://127.0.0.1:{port}/__reset")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--baseline-pages", type=int, default=300)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--workers", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3, help="fetcher runs (median reported)")
    args = parser.parse_args()

    queue: mp.Queue = mp.Queue()
    server = mp.Process(target=serve, args=(queue, args.hosts, args.latency), daemon=True)
    server.start()
    ports = queue.get(timeout=30)
    try:
        per_host = args.pages // args.hosts
        urls = [f"http://127.0.0.1:{port}/news/{n}" for port in ports for n in range(per_host)]

        # Baseline: a plain sequential loop (one keep-alive client), as a script would do it.
        baseline = urls[:: max(1, len(urls) // args.baseline_pages)][: args.baseline_pages]
        started = time.perf_counter()
        with httpx.Client() as client:
            ok = sum(client.get(u).status_code == 200 for u in baseline)
        seq_seconds = time.perf_counter() - started
        seq_rate = ok / seq_seconds

        rows = []
        configs = [
            ("pipeline fetcher", HttpSettings(per_host=args.per_host, max_workers=args.workers, retries=0)),
            (
                "pipeline fetcher, min_delay 0.1 s",
                HttpSettings(per_host=args.per_host, max_workers=args.workers, retries=0, min_delay=0.1),
            ),
        ]
        for name, settings in configs:
            rates, peaks, failures = [], [], 0
            for _ in range(args.repeats):
                reset(ports[0])
                fetcher = HttpFetcher(settings)
                started = time.perf_counter()
                pages = fetcher.fetch_many([(u, "bench") for u in urls])
                seconds = time.perf_counter() - started
                failures += sum(p.error is not None for p in pages)
                rates.append(sum(p.error is None for p in pages) / seconds)
                peaks.append(max(stats(ports[0])["peak"]))
            rows.append((name, len(urls), statistics.median(rates), max(peaks), failures))

        print(f"{args.hosts} hosts, {args.latency * 1000:.0f} ms per response, {len(urls)} pages")
        print(
            f"{'mode':<36} {'pages':>6} {'pages/s':>9} {'x seq':>7} {'max in flight/host':>19} {'failed':>7}"
        )
        print(
            f"{'sequential loop (httpx, keep-alive)':<36} {ok:>6} {seq_rate:>9.1f} {1.0:>7.1f} {1:>19} {0:>7}"
        )
        for name, n, rate, peak, failed in rows:
            print(f"{name:<36} {n:>6} {rate:>9.1f} {rate / seq_rate:>7.1f} {peak:>19} {failed:>7}")
        print(
            f"per-host limit: {args.per_host} (server-side peak above); fetcher: {args.repeats} runs, median"
        )
        held = all(peak <= args.per_host for _, _, _, peak, _ in rows)
        print(f"per-host limit held: {held}; >= 10x sequential: {rows[0][2] / seq_rate >= 10}")
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
