#!/usr/bin/env python3
"""Checks a WebSocket echo or broadcast server with the Python `websockets` client.

    .venv/bin/python Tests/Peers/python_echo_check.py echo ws://127.0.0.1:PORT/
    .venv/bin/python Tests/Peers/python_echo_check.py broadcast ws://127.0.0.1:PORT/

echo       text and binary messages of 0, 125, 126, 65535, 65536 and 1,048,576 bytes
           come back intact and with their type; then a close handshake with code
           1000 is answered with 1000.
broadcast  3 clients connect; a message one of them sends reaches all 3, itself
           included, intact and with its type (once as text, once as binary).

Prints one line per case (`PASS python: ...` or `FAIL python: ...: why`) and exits
non-zero if any case failed.
"""
import asyncio
import random
import sys

from websockets.asyncio.client import connect

SIZES = (0, 125, 126, 65535, 65536, 1 << 20)
CASE_TIMEOUT = 20.0
PEER = "python"
OPTS = dict(max_size=None, ping_interval=None, compression=None, open_timeout=10, close_timeout=5)


def text_of(size):
    """A str whose UTF-8 encoding is exactly `size` bytes, with 1- to 4-byte characters."""
    unit = "Orrery ü€𝄞 "  # 1-, 2-, 3- and 4-byte UTF-8 sequences
    text = unit * (size // len(unit.encode()) + 1)
    out = text.encode()[:size]
    while True:  # back off to a character boundary, then pad with ASCII
        try:
            body = out.decode()
            break
        except UnicodeDecodeError:
            out = out[:-1]
    return body + "x" * (size - len(out))


def binary_of(size, seed):
    return random.Random(seed).randbytes(size)


def describe(got):
    kind = "text" if isinstance(got, str) else "binary"
    n = len(got.encode()) if isinstance(got, str) else len(got)
    return f"{kind} of {n} bytes"


def mismatch(sent, got):
    """None when `got` is `sent` with its type, else why not."""
    if type(got) is not type(sent):
        return f"sent {describe(sent)}, got {describe(got)}"
    if got != sent:
        return f"sent {describe(sent)}, got different {describe(got)}"
    return None


class Report:
    def __init__(self):
        self.failed = 0

    def case(self, name, error):
        if error is None:
            print(f"PASS {PEER}: {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {PEER}: {name}: {error}", flush=True)


async def run_case(coro):
    """Runs one check; returns None on success or a message."""
    try:
        return await asyncio.wait_for(coro, CASE_TIMEOUT)
    except asyncio.TimeoutError:
        return f"no answer within {CASE_TIMEOUT:.0f} s"
    except Exception as e:  # noqa: BLE001 - any error fails just this case
        return f"{type(e).__name__}: {e}"


async def echo_checks(url, report):
    ws = None
    for size in SIZES:
        for kind in ("text", "binary"):
            payload = text_of(size) if kind == "text" else binary_of(size, size)

            async def one():
                nonlocal ws
                if ws is None or ws.state.name != "OPEN":
                    ws = await connect(url, **OPTS)
                await ws.send(payload)
                return mismatch(payload, await ws.recv())

            report.case(f"echo {kind} {size} bytes", await run_case(one()))

    async def close_handshake():
        conn = await connect(url, **OPTS)
        await conn.send("before close")
        if (got := await conn.recv()) != "before close":
            return f"echo before close failed: got {describe(got)}"
        await conn.close(1000, "done")
        rcvd = conn.protocol.close_rcvd
        if rcvd is None:
            return "the server sent no Close frame"
        if rcvd.code != 1000:
            return f"the server answered Close 1000 with {rcvd.code} {rcvd.reason!r}"
        if conn.protocol.close_rcvd_then_sent:
            return "the server sent its Close before ours"
        await conn.wait_closed()
        return None

    report.case("close handshake 1000", await run_case(close_handshake()))
    if ws is not None:
        await ws.close()


async def broadcast_checks(url, report):
    clients = []
    try:
        for _ in range(3):
            clients.append(await connect(url, **OPTS))
        for kind, payload in (("text", "broadcast to all ✓"), ("binary", binary_of(300, 7))):
            async def one():
                await clients[1].send(payload)
                for i, c in enumerate(clients):
                    why = mismatch(payload, await c.recv())
                    if why:
                        return f"client {i}: {why}"
                return None

            report.case(f"broadcast {kind} from 1 of 3 reaches all 3", await run_case(one()))
    except Exception as e:  # noqa: BLE001
        report.case("broadcast connect 3 clients", f"{type(e).__name__}: {e}")
    finally:
        for c in clients:
            await c.close()


async def main(mode, url):
    report = Report()
    if mode == "echo":
        await echo_checks(url, report)
    else:
        await broadcast_checks(url, report)
    return 1 if report.failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("echo", "broadcast"):
        sys.exit(__doc__)
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
