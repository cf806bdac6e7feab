#!/usr/bin/env python3
"""Turns the JSON lines of scripts/bench/echo-fanout into a side-by-side Markdown table.

    python3 scripts/bench/bench_table.py RESULTS.jsonl

Each line is one wsload.py run whose "tag" is SERVER/TEST (SERVER: orrery or ws; TEST:
echo-w1, echo-w16, fanout-w16, fanout-r20). With several runs of a test the median of
each figure is shown. A run that did not complete (lost or corrupt messages) is marked.
"""
import json
import statistics
import sys

SERVERS = ("orrery", "ws")
TESTS = {
    "echo-w1": "echo, 100 conns, 32 B, window 1",
    "echo-w16": "echo, 100 conns, 32 B, window 16",
    "fanout-w16": "fan-out to 1,000, 32 B, window 16",
    "fanout-r20": "fan-out to 1,000, 32 B, 20 msg/s",
}
# (test, label, extractor, digits)
ROWS = [
    ("echo-w1", "round trips/s", lambda d: d.get("msgs_per_s"), 0),
    ("echo-w1", "p50 latency, ms", lambda d: ms(d, "p50"), 2),
    ("echo-w1", "p99 latency, ms", lambda d: ms(d, "p99"), 2),
    ("echo-w1", "server CPU µs/message", lambda d: d.get("server_cpu_us_per_msg"), 1),
    ("echo-w16", "round trips/s", lambda d: d.get("msgs_per_s"), 0),
    ("echo-w16", "p50 latency, ms", lambda d: ms(d, "p50"), 2),
    ("echo-w16", "p99 latency, ms", lambda d: ms(d, "p99"), 2),
    ("echo-w16", "server CPU µs/message", lambda d: d.get("server_cpu_us_per_msg"), 1),
    ("fanout-w16", "deliveries/s", lambda d: d.get("msgs_per_s"), 0),
    ("fanout-w16", "server CPU µs/delivery", lambda d: d.get("server_cpu_us_per_msg"), 2),
    ("fanout-r20", "p50 delivery latency, ms", lambda d: ms(d, "p50"), 2),
    ("fanout-r20", "p99 delivery latency, ms", lambda d: ms(d, "p99"), 2),
    ("fanout-r20", "server CPU µs/delivery", lambda d: d.get("server_cpu_us_per_msg"), 2),
]


def ms(d, q):
    v = d.get("lat_us", {}).get(q)
    return None if v is None else v / 1000.0


def load(path):
    runs = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            d = json.loads(line)
            server, _, test = d.get("tag", "").partition("/")
            runs.setdefault((server, test), []).append(d)
    return runs


def cell(runs, extract, digits):
    if not runs:
        return "-", None
    values = [v for v in (extract(d) for d in runs) if v is not None]
    if not values:
        return "-", None
    v = statistics.median(values)
    text = f"{v:,.{digits}f}"
    bad = [d for d in runs if not d.get("ok")]
    if bad:
        text += f" (FAILED {len(bad)}/{len(runs)}: lost {max(d.get('lost', 0) for d in bad)})"
    return text, v


def table(runs):
    out = ["| test | figure | orrery | ws | orrery/ws |", "| --- | --- | ---: | ---: | ---: |"]
    for test, label, extract, digits in ROWS:
        a_text, a = cell(runs.get(("orrery", test), []), extract, digits)
        b_text, b = cell(runs.get(("ws", test), []), extract, digits)
        ratio = f"{a / b:.2f}" if a is not None and b else "-"
        out.append(f"| {TESTS[test]} | {label} | {a_text} | {b_text} | {ratio} |")
    loadgen = []
    for test in TESTS:
        for server in SERVERS:
            cpu = [d.get("loadgen_cpu_pct") for d in runs.get((server, test), []) if d.get("loadgen_cpu_pct")]
            if cpu:
                loadgen.append(f"{test} {server} {statistics.median(cpu):.0f}%")
    n = max((len(v) for v in runs.values()), default=0)
    out.append("")
    out.append(f"Median of {n} run(s). orrery/ws < 1 is better for latency and CPU, > 1 for rates.")
    out.append("Load generator CPU (one core = 100%): " + ", ".join(loadgen) + ".")
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(table(load(sys.argv[1])))
