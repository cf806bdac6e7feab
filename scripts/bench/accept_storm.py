#!/usr/bin/env python3
"""A connection storm against `orrery serve`, with one player watching its frames (not a test).

    accept_storm.py URL [--connections N] [--gets N] [--warmup S] [--after S]

A player joins universe `demo` (its own process: raw socket, masked frames) and time-stamps every event frame and
reset, and the round trip of a ping every 100 ms. After --warmup seconds, N connections send a WebSocket upgrade to
/universes/demo and N more send `GET /orrery.js` and never read (a tiny receive buffer), all kept open; --after
seconds later the storm's sockets close. Prints one JSON line: tick overruns during the storm (from /metrics),
the player's largest and p99 gap between frames and largest ping RTT during the storm, and what the storm's
sockets got. Standard library only.
"""
import argparse
import asyncio
import json
import multiprocessing
import os
import select
import socket
import struct
import time
import urllib.request

UPGRADE = ("GET /universes/demo HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Protocol: orrery.v1\r\n\r\n")
GET = "GET /orrery.js HTTP/1.1\r\nHost: {host}\r\n\r\n"


def masked(opcode, payload):
    """A client frame (mask key 0, so the payload goes as is)."""
    return bytes([0x80 | opcode, 0x80 | len(payload), 0, 0, 0, 0]) + payload


def frames(buffer):
    """Complete unmasked server frames at the start of `buffer`: [(opcode, payload)], bytes used."""
    out, index = [], 0
    while len(buffer) - index >= 2:
        length, header = buffer[index + 1] & 0x7F, 2
        if length == 126:
            if len(buffer) - index < 4:
                break
            length, header = struct.unpack(">H", buffer[index + 2:index + 4])[0], 4
        elif length == 127:
            if len(buffer) - index < 10:
                break
            length, header = struct.unpack(">Q", buffer[index + 2:index + 10])[0], 10
        if len(buffer) - index < header + length:
            break
        out.append((buffer[index] & 0x0F, buffer[index + header:index + header + length]))
        index += header + length
    return out, index


def player(host, port, stop, results):
    """Joins, reads until `stop`, and reports frame arrival times and ping round trips."""
    sock = socket.create_connection((host, port))
    sock.sendall(UPGRADE.format(host=host).encode())
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        buffer += sock.recv(65536)
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 101"):
        results.put({"error": head.decode(errors="replace")})
        return
    sock.sendall(masked(2, bytes([0x01, 0x01, 0x00, 0x00])))
    arrivals, rtts, next_ping = [], [], time.monotonic()
    sock.setblocking(False)
    while not stop.is_set():
        now = time.monotonic()
        if now >= next_ping:
            sock.sendall(masked(2, bytes([0x04]) + struct.pack(">Q", int(now * 1e6))))
            next_ping = now + 0.1
        ready, _, _ = select.select([sock], [], [], 0.02)
        if not ready:
            continue
        chunk = sock.recv(1 << 20)
        if not chunk:
            break
        arrived = time.monotonic()
        buffer += chunk
        parsed, used = frames(buffer)
        buffer = buffer[used:]
        for opcode, payload in parsed:
            if opcode == 9:
                sock.sendall(masked(10, payload))
            elif opcode == 2 and payload[:1] == b"\x85":
                sent = struct.unpack(">Q", payload[1:9])[0] / 1e6
                rtts.append((arrived, arrived - sent))
            elif opcode == 2 and payload[:1] in (b"\x82", b"\x83"):
                arrivals.append(arrived)
            elif opcode == 8:
                stop.set()
    results.put({"arrivals": arrivals, "rtts": rtts})


def overruns(base):
    text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
    for line in text.splitlines():
        if line.startswith("orrery_tick_overruns_total "):
            return int(float(line.split()[1]))
    return 0


async def storm(host, port, count, request, receive_buffer):
    """Opens `count` connections that each send `request` and never read; returns them and how many failed."""
    held, failed = [], 0
    limit = asyncio.Semaphore(512)

    async def one():
        nonlocal failed
        async with limit:
            sock = socket.socket()
            sock.setblocking(False)
            if receive_buffer:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
            try:
                await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, (host, port)), 30)
                await asyncio.get_running_loop().sock_sendall(sock, request)
                held.append(sock)
            except (OSError, asyncio.TimeoutError):
                failed += 1
                sock.close()

    await asyncio.gather(*(one() for _ in range(count)))
    return held, failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url", help="ws://HOST:PORT/ of the server")
    parser.add_argument("--connections", type=int, default=5000)
    parser.add_argument("--gets", type=int, default=5000)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--after", type=float, default=3)
    options = parser.parse_args()
    host, port = options.url.split("//")[1].rstrip("/").rsplit(":", 1)
    port = int(port)
    base = f"http://{host}:{port}"
    stop, results = multiprocessing.Event(), multiprocessing.Queue()
    watcher = multiprocessing.Process(target=player, args=(host, port, stop, results))
    watcher.start()
    time.sleep(options.warmup)
    before = overruns(base)
    start = time.monotonic()

    async def both():
        return await asyncio.gather(
            storm(host, port, options.connections, UPGRADE.format(host=host).encode(), 0),
            storm(host, port, options.gets, GET.format(host=host).encode(), 1024))

    (upgrades, upgrades_failed), (gets, gets_failed) = asyncio.run(both())
    sent = time.monotonic()
    time.sleep(options.after)
    end = time.monotonic()
    after = overruns(base)
    for sock in upgrades + gets:
        sock.close()
    stop.set()
    report = results.get(timeout=30)
    watcher.join()
    if "error" in report:
        print(json.dumps({"error": report["error"]}))
        return 1
    window = [t for t in report["arrivals"] if start <= t <= end]
    before_start = [t for t in report["arrivals"] if t < start]
    times = before_start[-1:] + window
    gaps = sorted(b - a for a, b in zip(times, times[1:]))
    rtts = sorted(rtt for arrived, rtt in report["rtts"] if start <= arrived <= end)
    print(json.dumps({
        "connections": options.connections, "gets": options.gets,
        "storm_seconds": round(sent - start, 3), "overruns": after - before,
        "frames": len(window), "max_gap_ms": round(1000 * gaps[-1], 1) if gaps else None,
        "p99_gap_ms": round(1000 * gaps[int(0.99 * (len(gaps) - 1))], 1) if gaps else None,
        "max_rtt_ms": round(1000 * rtts[-1], 1) if rtts else None,
        "upgrades_failed": upgrades_failed, "gets_failed": gets_failed,
        "load_average": os.getloadavg()[0],
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
