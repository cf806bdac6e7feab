#!/usr/bin/env python3
"""Measures a WebSocket server's memory per idle connection (standard library; uvloop if present).

    python3 scripts/bench/idle_conns.py ws://127.0.0.1:PORT/ --server-pid PID [-c 10000]
        [--settle 2] [--parallel 200]

Reads the server's resident set (VmRSS) while it has no connection, then completes
C WebSocket handshakes (raw sockets: a GET Upgrade request, a checked 101 answer with
the right Sec-WebSocket-Accept) and holds them idle, waits --settle seconds, reads the
RSS again, closes them all and reads it a last time. Prints one JSON line:
rss_empty_kib, rss_idle_kib, rss_after_close_kib, bytes_per_conn ((idle - empty) / C),
connect_s, failed. Exit 0 if every connection was established and still open at the
second reading. Loopback only.
"""
import argparse
import asyncio
import base64
import hashlib
import json
import os
import resource
import sys
import time
from urllib.parse import urlsplit

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise SystemExit(f"no VmRSS for pid {pid}")


async def handshake(host, port, path, timeout):
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    key = base64.b64encode(os.urandom(16))
    writer.write(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + f"{host}:{port}".encode() +
                 b"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
                 b"\r\nSec-WebSocket-Version: 13\r\n\r\n")
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    lines = head.decode("latin-1").split("\r\n")
    if " 101 " not in lines[0] + " ":
        writer.close()
        raise ConnectionError(f"no 101: {lines[0]!r}")
    accept = base64.b64encode(hashlib.sha1(key + GUID).digest()).decode()
    headers = {n.strip().lower(): v.strip() for n, _, v in (l.partition(":") for l in lines[1:] if l)}
    if headers.get("sec-websocket-accept") != accept:
        writer.close()
        raise ConnectionError("wrong Sec-WebSocket-Accept")
    return reader, writer


async def main(a):
    u = urlsplit(a.url)
    host, port, path = u.hostname, u.port or 80, u.path or "/"
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        raise SystemExit(f"refusing non-loopback target {host!r}")
    await asyncio.sleep(a.settle)
    empty = rss_kib(a.server_pid)
    sem = asyncio.Semaphore(a.parallel)
    conns, errors = [], []

    async def one():
        async with sem:
            try:
                conns.append(await handshake(host, port, path, a.timeout))
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as e:
                errors.append(repr(e)[:160])

    t0 = time.monotonic()
    await asyncio.gather(*(one() for _ in range(a.connections)))
    connect_s = time.monotonic() - t0
    await asyncio.sleep(a.settle)
    idle = rss_kib(a.server_pid)
    dropped = sum(1 for r, _ in conns if r.at_eof())
    for _, w in conns:
        w.close()
    await asyncio.sleep(a.settle)
    after = rss_kib(a.server_pid)
    out = {
        "connections": len(conns), "wanted": a.connections, "failed": len(errors), "dropped": dropped,
        "rss_empty_kib": empty, "rss_idle_kib": idle, "rss_after_close_kib": after,
        "bytes_per_conn": round((idle - empty) * 1024 / max(1, len(conns))),
        "connect_s": round(connect_s, 2),
    }
    if errors:
        out["first_error"] = errors[0]
    print(json.dumps(out), flush=True)
    return not errors and not dropped


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("url")
    p.add_argument("--server-pid", type=int, required=True)
    p.add_argument("-c", "--connections", type=int, default=10000)
    p.add_argument("--settle", type=float, default=2.0, help="seconds to wait before each reading")
    p.add_argument("--parallel", type=int, default=200, help="handshakes in flight at once")
    p.add_argument("--timeout", type=float, default=30.0)
    args = p.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.connections + 256
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, want), hard))
    try:
        import uvloop
        ok = uvloop.run(main(args))
    except ImportError:
        ok = asyncio.run(main(args))
    sys.exit(0 if ok else 1)
