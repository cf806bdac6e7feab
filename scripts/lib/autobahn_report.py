#!/usr/bin/env python3
"""Helpers for scripts/autobahn (Python 3, standard library only).

    autobahn_report.py spec URL OUTDIR AGENT CASES EXCLUDES   prints a fuzzingclient spec
        (CASES, EXCLUDES: comma-separated case patterns such as "1.*,2.*" / "12.*,13.*")
    autobahn_report.py summary INDEX_JSON AGENT [--strict]    prints the summary, exit status

The summary's first line is
    autobahn: cases=N OK=.. NON-STRICT=.. INFORMATIONAL=.. UNIMPLEMENTED=.. FAILED=..
counting each case's verdict from wstest's index.json: the worse of its "behavior" (the
messages) and its "behaviorClose" (the closing handshake), so a case whose messages pass but
which closes with the wrong code is not counted as passing; any verdict other than those five
(e.g. WRONG CODE, UNCLEAN) counts as FAILED. Then one line per FAILED
or NON-STRICT case with wstest's description of its result. Exit status 1 when a
case FAILED (or, with --strict, was NON-STRICT), else 0.
"""
import json
import os
import sys

PASSING = ("OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED")
# From best to worst; anything not listed (FAILED, WRONG CODE, UNCLEAN, ...) is worse than all of them.
RANK = ("OK", "INFORMATIONAL", "UNIMPLEMENTED", "NON-STRICT")


def verdict_of(entry):
    """The worse of a case's message verdict and its closing-handshake verdict."""
    def rank(v):
        return RANK.index(v) if v in RANK else len(RANK)
    return max(entry.get("behavior", "?"), entry.get("behaviorClose", "OK"), key=rank)


def split(patterns):
    return [p.strip() for p in patterns.split(",") if p.strip()]


def spec(url, outdir, agent, cases, excludes):
    return {
        "options": {"failByDrop": False},
        "outdir": outdir,
        "servers": [{"agent": agent, "url": url}],
        "cases": split(cases) or ["*"],
        "exclude-cases": split(excludes),
        "exclude-agent-cases": {},
    }


def case_key(case_id):
    return [int(p) if p.isdigit() else p for p in case_id.split(".")]


def result_text(outdir, entry):
    """wstest's one-sentence description of a case's result, if its report is there."""
    name = entry.get("reportfile")
    if not name:
        return ""
    try:
        with open(os.path.join(outdir, name)) as f:
            detail = json.load(f)
    except (OSError, ValueError):
        return ""
    text = " ".join(str(detail.get("result", "")).split())
    return text[:240]


def summary(index_path, agent, strict):
    with open(index_path) as f:
        index = json.load(f)
    if agent not in index:
        raise SystemExit(f"autobahn: agent {agent!r} not in {index_path} (has {sorted(index)})")
    results = index[agent]
    counts = dict.fromkeys(PASSING + ("FAILED",), 0)
    listed = []
    for case_id in sorted(results, key=case_key):
        entry = results[case_id]
        verdict = verdict_of(entry)
        counts[verdict if verdict in PASSING else "FAILED"] += 1
        if verdict not in ("OK", "INFORMATIONAL", "UNIMPLEMENTED"):
            listed.append((case_id, verdict, entry))
    print(f"autobahn: cases={len(results)} OK={counts['OK']} NON-STRICT={counts['NON-STRICT']} "
          f"INFORMATIONAL={counts['INFORMATIONAL']} UNIMPLEMENTED={counts['UNIMPLEMENTED']} "
          f"FAILED={counts['FAILED']}")
    outdir = os.path.dirname(index_path)
    for case_id, verdict, entry in listed:
        kind = "NON-STRICT" if verdict == "NON-STRICT" else "FAILED"
        extra = f" ({verdict})" if verdict not in ("NON-STRICT", "FAILED") else ""
        print(f"autobahn: {kind} {case_id}{extra}: {result_text(outdir, entry)}")
    bad = counts["FAILED"] + (counts["NON-STRICT"] if strict else 0)
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 7 and argv[1] == "spec":
        print(json.dumps(spec(*argv[2:7]), indent=2))
        return 0
    if len(argv) >= 4 and argv[1] == "summary":
        return summary(argv[2], argv[3], "--strict" in argv[4:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
