#!/usr/bin/env python3
"""An independent WebSocket echo server (Python `websockets`), a real peer for Orrery's tests.

    .venv/bin/python Tests/Peers/python_echo_server.py [--host 127.0.0.1] [--port 0]
        [--broadcast] [--max-message BYTES] [--max-fragments N]

Takes the same options as `orrery echo`: echoes every message to its sender (text as
text, binary as binary), or with --broadcast sends each message to every connected
client, the sender included. --port 0 picks a free port. When ready it prints exactly
one line, `listening ws://HOST:PORT/`, and flushes; it exits 0 on SIGTERM or SIGINT.
Messages larger than --max-message (default 1 MiB) close the connection with 1009.
No permessage-deflate, no keepalive pings. Loopback only.
"""
import argparse
import asyncio
import os
import signal
import sys


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--broadcast", action="store_true")
    p.add_argument("--max-message", type=int, default=1 << 20, metavar="BYTES")
    p.add_argument("--max-fragments", type=int, default=4096, metavar="N")
    a = p.parse_args()
    if a.host not in ("127.0.0.1", "localhost", "::1"):
        p.error("loopback hosts only")
    return a


async def serve_forever(a):
    from websockets.asyncio.server import broadcast, serve

    clients = set()

    async def echo(ws):
        try:
            async for msg in ws:
                await ws.send(msg)
        except Exception:  # a peer's protocol error or abrupt close ends only its connection
            pass

    async def fanout(ws):
        clients.add(ws)
        try:
            async for msg in ws:
                broadcast(clients, msg)
        except Exception:
            pass
        finally:
            clients.discard(ws)

    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    handler = fanout if a.broadcast else echo
    async with serve(handler, a.host, a.port, max_size=a.max_message, max_queue=None,
                     ping_interval=None, compression=None, backlog=1024) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"listening ws://{a.host}:{port}/", flush=True)
        await stop


def main():
    a = parse_args()
    # websockets refuses messages of more than WEBSOCKETS_MAX_FRAGMENTS frames (read at import).
    os.environ["WEBSOCKETS_MAX_FRAGMENTS"] = str(a.max_fragments)
    asyncio.run(serve_forever(a))
    return 0


if __name__ == "__main__":
    sys.exit(main())
