#!/usr/bin/env python3
"""Independent reference encoder for the Orrery wire protocol (written from Protocol/README.md, not from the
Swift code). Writes vectors.tsv (valid messages) and invalid.tsv (malformed messages) next to this script.
Run: python3 Protocol/vectors/make_vectors.py"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
I32_MIN, I32_MAX, U32_MAX, U64_MAX = -(2**31), 2**31 - 1, 2**32 - 1, 2**64 - 1


def varint(v):
    assert 0 <= v <= U64_MAX
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def zz(v):
    assert I32_MIN <= v <= I32_MAX
    return varint(((v << 1) ^ (v >> 31)) & 0xFFFFFFFF)


def u16(v):
    return v.to_bytes(2, "little")


def u32(v):
    return v.to_bytes(4, "little")


def u64(v):
    return v.to_bytes(8, "little")


def string(s):
    b = s.encode("utf-8")
    return varint(len(b)) + b


def quoted(s):
    out = '"'
    for ch in s:
        if ch == "\\":
            out += "\\\\"
        elif ch == '"':
            out += '\\"'
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out += "\\x%02x" % ord(ch)
        else:
            out += ch
    return out + '"'


REASONS = ["expired", "collision", "shot", "owner-left"]


def join(version, role, region=None, name=None):
    flags = (1 if region else 0) | (2 if name is not None else 0)
    b = bytes([0x01, version, role, flags])
    t = "join version=%d role=%s" % (version, ["player", "spectator"][role])
    if region:
        x, y, w, h = region
        b += zz(x) + zz(y) + varint(w) + varint(h)
        t += " region=%d,%d,%d,%d" % region
    if name is not None:
        b += string(name)
        t += " name=" + quoted(name)
    return b, t


def resume(version, token, last):
    return bytes([0x02, version]) + token + varint(last), \
        "resume version=%d token=%s lastSeq=%d" % (version, token.hex(), last)


def inp(seq, heading, throttle, actions):
    return bytes([0x03]) + varint(seq) + u16(heading) + bytes([throttle, actions]), \
        "input seq=%d heading=%d throttle=%d actions=%d" % (seq, heading, throttle, actions)


def ping(ts):
    return bytes([0x04]) + u64(ts), "ping timestamp=%d" % ts


def welcome(version, player, avatar, rate, tick, w, h, r, hy, keep, token, first):
    b = bytes([0x81, version]) + varint(player) + varint(avatar) + varint(rate) + varint(tick) + varint(w) + \
        varint(h) + varint(r) + varint(hy) + varint(keep) + token + varint(first)
    t = ("welcome version=%d player=%d avatar=%d tickRate=%d tick=%d world=%dx%d viewRadius=%d hysteresis=%d "
         "keepAlive=%d token=%s firstSeq=%d") % (version, player, avatar, rate, tick, w, h, r, hy, keep,
                                                 token.hex(), first)
    return b, t


def record(label, e):
    i, kind, x, y, vx, vy, hd, rad, owner = e
    b = varint(i) + bytes([kind]) + zz(x) + zz(y) + zz(vx) + zz(vy) + u16(hd) + varint(rad) + varint(owner)
    t = "%s id=%d kind=%d x=%d y=%d vx=%d vy=%d heading=%d radius=%d owner=%d" % ((label,) + e)
    return b, t


def event(ev):
    tag = ev[0]
    if tag == "appeared":
        b, t = record("appeared", ev[1])
        return bytes([1]) + b, t
    if tag == "changed":
        i, x, y, vx, vy, hd = ev[1]
        return bytes([2]) + varint(i) + zz(x) + zz(y) + zz(vx) + zz(vy) + u16(hd), \
            "changed id=%d x=%d y=%d vx=%d vy=%d heading=%d" % ev[1]
    if tag == "disappeared":
        return bytes([3]) + varint(ev[1]), "disappeared id=%d" % ev[1]
    if tag == "destroyed":
        return bytes([4]) + varint(ev[1]) + bytes([ev[2]]), "destroyed id=%d reason=%s" % (ev[1], REASONS[ev[2]])
    if tag == "avatar":
        return bytes([5]) + varint(ev[1]), "avatar id=%d" % ev[1]
    raise ValueError(tag)


def frame(seq, tick, last, events):
    b = bytes([0x82]) + varint(seq) + varint(tick) + varint(last) + u16(len(events))
    t = "event-frame seq=%d tick=%d lastInput=%d events=%d" % (seq, tick, last, len(events))
    for ev in events:
        eb, et = event(ev)
        b += eb
        t += " | " + et
    return b, t


def reset(seq, tick, last, avatar, entities):
    b = bytes([0x83]) + varint(seq) + varint(tick) + varint(last) + varint(avatar) + u32(len(entities))
    t = "reset seq=%d tick=%d lastInput=%d avatar=%d entities=%d" % (seq, tick, last, avatar, len(entities))
    for e in entities:
        eb, et = record("entity", e)
        b += eb
        t += " | " + et
    return b, t


def error(code, message):
    return bytes([0x84]) + u16(code) + string(message), "error code=%d message=%s" % (code, quoted(message))


def pong(ts, tick):
    return bytes([0x85]) + u64(ts) + varint(tick), "pong timestamp=%d tick=%d" % (ts, tick)


TOKEN = bytes(range(0x10, 0x20))
ZERO_TOKEN = bytes(16)
MAX_TOKEN = bytes([0xFF] * 16)
SHIP = (7, 1, 256000, 512000, 12, -3, 16384, 512, 3)
ROCK = (8, 3, 1000, 2000, 0, 0, 0, 2048, 0)
EXTREME = (U32_MAX, 255, I32_MIN, I32_MAX, I32_MIN, I32_MAX, 65535, I32_MAX, U32_MAX)
NEGATIVE = (1, 4, -1, -256, -1, -64, 1, 0, 1)

VALID = [
    ("client", "join-player-minimal", join(1, 0)),
    ("client", "join-player-named", join(1, 0, name="ada")),
    ("client", "join-spectator-whole-world", join(1, 1)),
    ("client", "join-spectator-region-named", join(1, 1, (-5, 7, 100, 200), "watcher")),
    ("client", "join-spectator-region-extreme", join(1, 1, (I32_MIN, I32_MAX, I32_MAX, 1))),
    ("client", "join-name-max-ascii", join(1, 0, name="abcdefghijklmnopqrstuvwxyz012345")),
    ("client", "join-name-max-multibyte", join(1, 0, name="é" * 16)),
    ("client", "join-name-escapes", join(1, 0, name='a"b\\c\td')),
    ("client", "join-unsupported-version", join(99, 0)),
    ("client", "resume-basic", resume(1, TOKEN, 41)),
    ("client", "resume-zero", resume(1, ZERO_TOKEN, 0)),
    ("client", "resume-max", resume(1, MAX_TOKEN, U64_MAX)),
    ("client", "input-basic", inp(7, 16384, 255, 1)),
    ("client", "input-zero", inp(0, 0, 0, 0)),
    ("client", "input-max", inp(U32_MAX, 65535, 255, 255)),
    ("client", "ping-basic", ping(1234567890123)),
    ("client", "ping-max", ping(U64_MAX)),
    ("server", "welcome-player", welcome(1, 3, 7, 20, 1000, 1048576, 1048576, 51200, 5120, 20, TOKEN, 1)),
    ("server", "welcome-spectator-zero", welcome(1, 0, 0, 1, 0, 1, 1, 0, 0, 1, ZERO_TOKEN, 0)),
    ("server", "welcome-max", welcome(1, U32_MAX, U32_MAX, 1000, U64_MAX, I32_MAX, I32_MAX, I32_MAX, I32_MAX,
                                      U32_MAX, MAX_TOKEN, U64_MAX)),
    ("server", "event-frame-empty", frame(5, 1020, 0, [])),
    ("server", "event-frame-basic", frame(1, 1001, 0, [("avatar", 7), ("appeared", SHIP), ("appeared", ROCK)])),
    ("server", "event-frame-all-tags", frame(42, 2000, 9, [
        ("avatar", 0), ("destroyed", 11, 0), ("destroyed", 12, 1), ("destroyed", 13, 2), ("destroyed", 14, 3),
        ("disappeared", 15), ("appeared", NEGATIVE), ("changed", (7, 300, -400, -7, 8, 49152))])),
    ("server", "event-frame-extremes", frame(U64_MAX, U64_MAX, U32_MAX, [
        ("appeared", EXTREME), ("changed", (U32_MAX, I32_MIN, I32_MAX, 0, -1, 65535)),
        ("disappeared", U32_MAX), ("avatar", U32_MAX)])),
    ("server", "reset-empty", reset(1, 0, 0, 0, [])),
    ("server", "reset-basic", reset(9, 5000, 3, 7, [SHIP, ROCK, NEGATIVE])),
    ("server", "reset-extremes", reset(U64_MAX, U64_MAX, U32_MAX, U32_MAX, [EXTREME])),
    ("server", "error-unsupported-version", error(4001, "unsupported protocol version 99")),
    ("server", "error-empty-message", error(0, "")),
    ("server", "pong-basic", pong(1234567890123, 1001)),
    ("server", "pong-max", pong(U64_MAX, U64_MAX)),
]

INVALID = [
    ("client", "empty-message", b"", "truncated"),
    ("client", "unknown-client-type", bytes([0x05]), "unknown-message-type"),
    ("client", "server-type-sent-by-client", bytes([0x81]), "unknown-message-type"),
    ("server", "client-type-sent-by-server", bytes([0x01]), "unknown-message-type"),
    ("server", "unknown-server-type", bytes([0x86]), "unknown-message-type"),
    ("client", "input-truncated-heading", bytes([0x03, 0x07, 0x00]), "truncated"),
    ("client", "input-trailing-byte", inp(7, 16384, 255, 1)[0] + b"\x00", "trailing-bytes"),
    ("client", "input-non-minimal-seq", bytes([0x03, 0x87, 0x00, 0, 0, 0, 0]), "non-minimal-varint"),
    ("client", "input-seq-six-bytes", bytes([0x03, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0, 0, 0, 0]),
     "varint-overflow"),
    ("client", "input-seq-above-u32", bytes([0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x10, 0, 0, 0, 0]), "varint-overflow"),
    ("client", "resume-seq-eleven-bytes", bytes([0x02, 1]) + TOKEN + bytes([0x80] * 10 + [0x00]),
     "varint-overflow"),
    ("client", "resume-seq-above-u64", bytes([0x02, 1]) + TOKEN + bytes([0xFF] * 9 + [0x02]), "varint-overflow"),
    ("client", "join-bad-role", bytes([0x01, 1, 2, 0]), "value-out-of-range"),
    ("client", "join-unknown-flag", bytes([0x01, 1, 0, 4]), "value-out-of-range"),
    ("client", "join-player-with-region", bytes([0x01, 1, 0, 1, 0, 0, 1, 1]), "value-out-of-range"),
    ("client", "join-region-zero-width", bytes([0x01, 1, 1, 1, 0, 0, 0, 1]), "value-out-of-range"),
    ("client", "join-region-width-above-i32", bytes([0x01, 1, 1, 1, 0, 0]) + varint(2**31) + bytes([1]),
     "value-out-of-range"),
    ("client", "join-empty-name", bytes([0x01, 1, 0, 2, 0]), "value-out-of-range"),
    ("client", "join-name-33-bytes", bytes([0x01, 1, 0, 2, 33]) + b"a" * 33, "value-out-of-range"),
    ("client", "join-name-invalid-utf8", bytes([0x01, 1, 0, 2, 2, 0xC3, 0x28]), "invalid-utf8"),
    ("client", "join-name-truncated", bytes([0x01, 1, 0, 2, 5]) + b"abc", "truncated"),
    ("server", "welcome-tick-rate-zero",
     welcome(1, 3, 7, 20, 1000, 1048576, 1048576, 51200, 5120, 20, TOKEN, 1)[0].replace(b"\x07\x14", b"\x07\x00", 1),
     "value-out-of-range"),
    ("server", "event-frame-count-exceeds-data", bytes([0x82, 1, 1, 0, 0xFF, 0xFF, 5, 7]), "count-exceeds-data"),
    ("server", "event-frame-unknown-tag", bytes([0x82, 1, 1, 0, 1, 0, 6, 7]), "unknown-event-tag"),
    ("server", "event-frame-tag-zero", bytes([0x82, 1, 1, 0, 1, 0, 0, 7]), "unknown-event-tag"),
    ("server", "event-frame-entity-id-zero", bytes([0x82, 1, 1, 0, 1, 0, 3, 0]), "value-out-of-range"),
    ("server", "event-frame-bad-destroy-reason", bytes([0x82, 1, 1, 0, 1, 0, 4, 7, 4]), "value-out-of-range"),
    ("server", "event-frame-count-too-small", frame(1, 1, 0, [("avatar", 7)])[0] + bytes([5, 7]), "trailing-bytes"),
    ("server", "event-frame-negative-radius",
     bytes([0x82, 1, 1, 0, 1, 0, 1, 7, 1, 0, 0, 0, 0, 0, 0]) + varint(2**31) + bytes([0]), "value-out-of-range"),
    ("server", "reset-count-exceeds-data", bytes([0x83, 1, 1, 0, 0]) + u32(2) + bytes([0] * 19),
     "count-exceeds-data"),
    ("server", "reset-count-above-limit", bytes([0x83, 1, 1, 0, 0]) + u32(0xFFFFFFFF), "value-out-of-range"),
    ("server", "error-invalid-utf8", bytes([0x84, 0xA1, 0x0F, 1, 0xFF]), "invalid-utf8"),
    ("server", "pong-truncated-timestamp", bytes([0x85, 1, 2, 3]), "truncated"),
]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            assert all("\t" not in c and "\n" not in c for c in row)
            f.write("\t".join(row) + "\n")


names = [n for _, n, _ in VALID] + [n for _, n, _, _ in INVALID]
assert len(names) == len(set(names))
write("vectors.tsv", ["name", "direction", "hex", "text"], [(n, d, b.hex(), t) for d, n, (b, t) in VALID])
write("invalid.tsv", ["name", "direction", "hex", "error"], [(n, d, b.hex(), e) for d, n, b, e in INVALID])
