#!/usr/bin/env python3
"""Independent reference encoder for the Orrery wire protocol (written from Protocol/README.md, not from the
Swift code). Writes vectors.tsv (valid messages) and invalid.tsv (malformed messages) next to this script, both
versions in each file (column `version`: the protocol version of the decoder that reads the row).
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


# ---------------------------------------------------------------------------------------------------------------
# Version 2 (Protocol/README.md, "Version 2"). Property values need the session's schema; every v2 server→client
# vector below is decoded with the schema of the vector "v2-schema-test".

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
SHAPES = ["circle", "triangle", "square", "diamond", "ring"]
TYPES = ["int", "string", "bytes"]
FORMATS = ["text", "bytes"]
SCOPES = ["player", "entity", "universe"]


def z64(v):
    assert I64_MIN <= v <= I64_MAX
    return varint(((v << 1) ^ (v >> 63)) & U64_MAX)


def blob(b):
    return varint(len(b)) + b


class Schema:
    """kinds: (code, name, shape, color, glyph, label); properties: (name, type, maxLength); messages and
    commands: (name, format)."""

    def __init__(self, game, kinds, entity, player, universe, messages, commands, input_max, command_max):
        self.game, self.kinds, self.entity, self.player, self.universe = game, kinds, entity, player, universe
        self.messages, self.commands, self.input_max, self.command_max = messages, commands, input_max, command_max
        assert 1 <= len(game.encode()) <= 32 and len(kinds) <= 64 and len(messages) <= 64 and len(commands) <= 64
        assert all(len(ps) <= 32 for ps in (entity, player, universe))
        assert input_max <= 64 and command_max <= 200
        for code, name, shape, color, glyph, label in kinds:
            assert shape < 5 and color >> 24 == 0 and len(glyph.encode()) <= 4 and label <= len(entity)
        for ps in (entity, player, universe):
            assert len({n for n, _, _ in ps}) == len(ps)
            assert all((t == 0) == (m == 0) and m <= 255 for _, t, m in ps)
        assert len({k[0] for k in kinds}) == len(kinds) and len({k[1] for k in kinds}) == len(kinds)

    def message(self):
        b = bytes([0x86]) + string(self.game) + bytes([len(self.kinds)])
        t = ("schema game=%s kinds=%d entityProperties=%d playerProperties=%d universeProperties=%d messages=%d "
             "commands=%d inputPayloadMaxBytes=%d commandMaxBytes=%d") % (
            quoted(self.game), len(self.kinds), len(self.entity), len(self.player), len(self.universe),
            len(self.messages), len(self.commands), self.input_max, self.command_max)
        for code, name, shape, color, glyph, label in self.kinds:
            b += bytes([code]) + string(name) + bytes([shape]) + u32(color) + string(glyph) + bytes([label])
            t += " | kind code=%d name=%s shape=%s color=#%06x glyph=%s label=%d" % (
                code, quoted(name), SHAPES[shape], color, quoted(glyph), label)
        for label, ps in (("entity", self.entity), ("player", self.player), ("universe", self.universe)):
            b += bytes([len(ps)])
            for name, typ, max_length in ps:
                b += string(name) + bytes([typ]) + varint(max_length)
                t += " | %s-property name=%s type=%s maxLength=%d" % (label, quoted(name), TYPES[typ], max_length)
        for label, ms in (("message", self.messages), ("command", self.commands)):
            b += bytes([len(ms)])
            for name, fmt in ms:
                b += string(name) + bytes([fmt])
                t += " | %s name=%s format=%s" % (label, quoted(name), FORMATS[fmt])
        return b + bytes([self.input_max, self.command_max]), t


def value(spec, v):
    """A property value encoded by its declared type, and its canonical text."""
    _, typ, max_length = spec
    if typ == 0:
        assert isinstance(v, int)
        return z64(v), "%d" % v
    if typ == 1:
        assert isinstance(v, str) and len(v.encode()) <= max_length
        return string(v), quoted(v)
    assert isinstance(v, bytes) and len(v) <= max_length
    return blob(v), "0x" + v.hex()


def pairs(specs, values, least=0):
    """n u8, then (index u8, value) for each (index, value) of `values`, ascending index."""
    indexes = [i for i, _ in values]
    assert least == 1 or all(v not in (0, "", b"") for _, v in values), "records list non-default values only"
    assert indexes == sorted(set(indexes)) and least <= len(values) <= len(specs)
    b, t = bytes([len(values)]), ""
    for i, v in values:
        vb, vt = value(specs[i], v)
        b += bytes([i]) + vb
        t += " p%d=%s" % (i, vt)
    return b, t


def join2(role, region=None, name=None):
    return join(2, role, region, name)


def input2(seq, heading, throttle, actions, payload=b""):
    b, t = inp(seq, heading, throttle, actions)
    return b + blob(payload), t + (" payload=" + payload.hex() if payload else "")


def command(code, payload):
    return bytes([0x05, code]) + blob(payload), "command code=%d payload=%s" % (code, payload.hex())


def welcome2(account, *fields):
    b, t = welcome(2, *fields)
    return b + varint(account), t + " account=%d" % account


def record2(schema, label, e, props):
    b, t = record(label, e)
    pb, pt = pairs(schema.entity, props)
    return b + pb, t + pt


def event2(schema, ev):
    tag = ev[0]
    if tag == "appeared":
        b, t = record2(schema, "appeared", ev[1], ev[2])
        return bytes([1]) + b, t
    if tag == "properties":
        b, t = pairs(schema.entity, ev[2], least=1)
        return bytes([6]) + varint(ev[1]) + b, "properties id=%d" % ev[1] + t
    if tag == "player-state":
        b, t = pairs(schema.player, ev[1], least=1)
        return bytes([7]) + b, "player-state" + t
    if tag == "universe-state":
        b, t = pairs(schema.universe, ev[1], least=1)
        return bytes([8]) + b, "universe-state" + t
    if tag == "message":
        _, scope, entity, code, payload = ev
        assert len(payload) <= 1024 and code < len(schema.messages) and (scope == 1) == (entity is not None)
        if schema.messages[code][1] == 0:
            payload.decode("utf-8")
        b = bytes([9, scope]) + (varint(entity) if scope == 1 else b"") + bytes([code]) + blob(payload)
        t = "message scope=%s" % SCOPES[scope] + (" entity=%d" % entity if scope == 1 else "")
        return b, t + " code=%d payload=%s" % (code, payload.hex())
    return event(ev)


def frame2(schema, seq, tick, last, events):
    b = bytes([0x82]) + varint(seq) + varint(tick) + varint(last) + u16(len(events))
    t = "event-frame seq=%d tick=%d lastInput=%d events=%d" % (seq, tick, last, len(events))
    for ev in events:
        eb, et = event2(schema, ev)
        b += eb
        t += " | " + et
    return b, t


def reset2(schema, seq, tick, last, avatar, entities, player, universe):
    b = bytes([0x83]) + varint(seq) + varint(tick) + varint(last) + varint(avatar) + u32(len(entities))
    t = "reset seq=%d tick=%d lastInput=%d avatar=%d entities=%d" % (seq, tick, last, avatar, len(entities))
    for e, props in entities:
        eb, et = record2(schema, "entity", e, props)
        b += eb
        t += " | " + et
    pb, pt = pairs(schema.player, player)
    ub, ut = pairs(schema.universe, universe)
    return b + pb + ub, t + " | player-state" + pt + " | universe-state" + ut


TEST = Schema(
    "vectors",
    [(1, "ship", 1, 0x33CC55, "▲", 2), (3, "rock", 0, 0x888888, "O", 0), (4, "crate", 2, 0x000000, "#", 0),
     (9, "flag", 3, 0xFF0000, "", 3), (200, "beacon", 4, 0xFFFFFF, "◎", 6)],
    [("hp", 0, 0), ("name", 1, 16), ("team", 0, 0), ("tag", 2, 8), ("bio", 1, 255), ("blob", 2, 255)],
    [("ammo", 0, 0), ("inventory", 2, 32), ("title", 1, 20)],
    [("clock", 0, 0), ("leader", 1, 32), ("scores", 2, 64)],
    [("chat", 0), ("round-over", 0), ("hit", 1)],
    [("chat", 0), ("buy", 1)],
    8, 128)
EMPTY = Schema("game", [], [], [], [], [], [], 0, 128)
MAX = Schema(
    "m" * 32,
    [(255 - i, "kind-%02d" % i, i % 5, (i * 0x040404) & 0xFFFFFF, ["", "x", "é", "▲", "ab©"][i % 5], i % 33)
     for i in range(64)],
    [("e%02d" % i, i % 3, [0, 255, 1][i % 3]) for i in range(32)],
    [("p%02d" % i, i % 3, [0, 1, 255][i % 3]) for i in range(32)],
    [("u%02d" % i, i % 3, [0, 128, 64][i % 3]) for i in range(32)],
    [("message-%02d" % i, i % 2) for i in range(64)],
    [("command-%02d" % i, i % 2) for i in range(64)],
    64, 200)

SHIP_PROPS = [(0, 100), (1, "ada"), (2, 1)]
ROCK_PROPS = []
CRATE = (20, 4, -512, 1024, 0, 0, 0, 300, 0)
CRATE_PROPS = [(3, b"\x00\xff"), (5, b"\x01")]
PLAYER_ALL = [(0, 30), (1, b"\x01\x02\x03"), (2, "captain")]
UNIVERSE_ALL = [(0, 6000), (1, "ada"), (2, b"\x00\x05\x00\x03")]
LONG_STRING = "é" * 127 + "!"
assert len(LONG_STRING.encode()) == 255
BYTES_255 = bytes(range(255))
TEXT_1024 = ("✓" * 341 + "x").encode()
assert len(TEXT_1024) == 1024
EXTREME_PROPS = [(0, I64_MIN), (1, "ééééééé!!"), (2, I64_MAX), (3, b"\xff" * 8), (4, LONG_STRING),
                 (5, BYTES_255)]
frame_t = lambda *a: frame2(TEST, *a)
reset_t = lambda *a: reset2(TEST, *a)

VALID2 = [
    ("client", "v2-join-player", join2(0)),
    ("client", "v2-join-player-named", join2(0, name="ada")),
    ("client", "v2-join-spectator-region", join2(1, (-5, 7, 100, 200))),
    ("client", "v2-resume", resume(2, TOKEN, 41)),
    ("client", "v2-input-no-payload", input2(7, 16384, 255, 1)),
    ("client", "v2-input-payload", input2(8, 0, 128, 0, bytes([1, 2, 3, 0xFF]))),
    ("client", "v2-input-max", input2(U32_MAX, 65535, 255, 255, bytes([0xAB] * 64))),
    ("client", "v2-command-text", command(0, "hello ✓".encode())),
    ("client", "v2-command-bytes", command(1, bytes([0x00, 0x07, 0xFF]))),
    ("client", "v2-command-empty", command(0, b"")),
    ("client", "v2-command-max", command(255, bytes(range(200)))),
    ("client", "v2-ping", ping(1234567890123)),
    ("server", "v2-welcome-player", welcome2(42, 3, 7, 20, 1000, 1048576, 1048576, 51200, 5120, 20, TOKEN, 1)),
    ("server", "v2-welcome-spectator", welcome2(0, 0, 0, 1, 0, 1, 1, 0, 0, 1, ZERO_TOKEN, 0)),
    ("server", "v2-welcome-max", welcome2(U32_MAX, U32_MAX, U32_MAX, 1000, U64_MAX, I32_MAX, I32_MAX, I32_MAX,
                                          I32_MAX, U32_MAX, MAX_TOKEN, U64_MAX)),
    ("server", "v2-schema-test", TEST.message()),
    ("server", "v2-schema-empty", EMPTY.message()),
    ("server", "v2-schema-max", MAX.message()),
    ("server", "v2-event-frame-empty", frame_t(5, 1020, 0, [])),
    ("server", "v2-event-frame-first", frame_t(1, 1001, 0, [
        ("avatar", 7), ("appeared", SHIP, SHIP_PROPS), ("appeared", ROCK, ROCK_PROPS),
        ("player-state", PLAYER_ALL), ("universe-state", UNIVERSE_ALL)])),
    ("server", "v2-event-frame-all-tags", frame_t(42, 2000, 9, [
        ("avatar", 0), ("destroyed", 11, 0), ("destroyed", 12, 3), ("disappeared", 15),
        ("appeared", CRATE, CRATE_PROPS), ("changed", (7, 300, -400, -7, 8, 49152)),
        ("properties", 7, [(0, 95)]), ("properties", 8, [(1, "rock"), (4, "grey")]),
        ("player-state", [(0, 29)]), ("universe-state", [(0, 6001)]),
        ("message", 0, None, 0, "welcome, ada".encode()), ("message", 1, 7, 2, bytes([0x05, 0xFF])),
        ("message", 2, None, 1, "round over".encode())])),
    ("server", "v2-event-frame-defaults", frame_t(43, 2001, 9, [
        ("properties", 7, [(0, 0), (1, ""), (3, b"")]), ("player-state", [(1, b""), (2, "")]),
        ("universe-state", [(0, 0), (1, ""), (2, b"")])])),
    ("server", "v2-event-frame-messages", frame_t(44, 2002, 10, [
        ("message", 2, None, 0, 'ada: "hi"\n'.encode()), ("message", 0, None, 2, b""),
        ("message", 1, U32_MAX, 1, "é".encode()), ("message", 2, None, 2, TEXT_1024)])),
    ("server", "v2-event-frame-extremes", frame_t(U64_MAX, U64_MAX, U32_MAX, [
        ("avatar", U32_MAX), ("destroyed", U32_MAX - 1, 2), ("appeared", EXTREME, EXTREME_PROPS),
        ("changed", (U32_MAX, I32_MIN, I32_MAX, 0, -1, 65535)), ("properties", U32_MAX, EXTREME_PROPS),
        ("player-state", [(0, I64_MIN), (1, bytes([0xFF] * 32)), (2, "t" * 20)]),
        ("universe-state", [(0, I64_MAX), (1, "€" * 10 + "ab"), (2, bytes(64))]),
        ("message", 1, U32_MAX, 2, bytes([0xFF] * 1024))])),
    ("server", "v2-event-frame-any-order", frame_t(45, 2003, 10, [
        ("message", 2, None, 1, b"late"), ("universe-state", [(2, b"\x01")]), ("properties", 9, [(2, -1)]),
        ("properties", 8, [(2, 2)]), ("changed", (9, 0, 0, 0, 0, 0)), ("appeared", ROCK, [(1, "x")]),
        ("disappeared", 30), ("avatar", 8)])),
    ("server", "v2-reset-empty", reset_t(1, 0, 0, 0, [], [], [])),
    ("server", "v2-reset-basic", reset_t(9, 5000, 3, 7, [(SHIP, SHIP_PROPS), (ROCK, ROCK_PROPS),
                                                        (CRATE, CRATE_PROPS)], PLAYER_ALL, UNIVERSE_ALL)),
    ("server", "v2-reset-spectator", reset_t(2, 77, 0, 0, [(ROCK, [])], [], [(1, "ada")])),
    ("server", "v2-reset-extremes", reset_t(U64_MAX, U64_MAX, U32_MAX, U32_MAX, [(EXTREME, EXTREME_PROPS)],
                                            [(0, I64_MAX), (2, "t" * 20)], [(0, I64_MIN), (2, bytes([7] * 64))])),
    ("server", "v2-error", error(4000, "command code 9 is not in the schema")),
    ("server", "v2-pong", pong(1234567890123, 1001)),
]


def head(count):
    """An event frame header for `count` events: seq 1, tick 1, lastInput 0."""
    return bytes([0x82, 1, 1, 0]) + u16(count)


def kind_bytes(code, name="k", shape=0, color=0, glyph="", label=0):
    return bytes([code]) + string(name) + bytes([shape]) + u32(color) + string(glyph) + bytes([label])


def schema_bytes(game="g", kinds=(), entity=(), player=(), universe=(), messages=(), commands=(), limits=(0, 128),
                 counts=None):
    """A schema message from already-encoded items; `counts` overrides the six counts (to lie about them)."""
    lists = [kinds, entity, player, universe, messages, commands]
    counts = counts or [len(items) for items in lists]
    b = bytes([0x86]) + string(game)
    for count, items in zip(counts, lists):
        b += bytes([count]) + b"".join(items)
    return b + bytes(limits)


def prop(name, typ=0, max_length=0):
    return string(name) + bytes([typ]) + varint(max_length)


def fmt(name, f=0):
    return string(name) + bytes([f])


V1_RECORD = record("entity", ROCK)[0]  # without a tag byte
TEST_BYTES = TEST.message()[0]

INVALID2 = [
    ("client", "v2-unknown-client-type", bytes([0x06]), "unknown-message-type"),
    ("client", "v2-input-without-payload", inp(7, 16384, 255, 1)[0], "truncated"),
    ("client", "v2-input-payload-truncated", input2(7, 0, 0, 0, b"\x01\x02\x03")[0][:-1], "truncated"),
    ("client", "v2-input-payload-length-non-minimal", inp(7, 0, 0, 0)[0] + bytes([0x81, 0x00, 0xAA]),
     "non-minimal-varint"),
    ("client", "v2-input-payload-length-above-u32", inp(7, 0, 0, 0)[0] + bytes([0xFF, 0xFF, 0xFF, 0xFF, 0x10]),
     "varint-overflow"),
    ("client", "v2-input-trailing-byte", input2(7, 0, 0, 0, b"\x01")[0] + b"\x00", "trailing-bytes"),
    ("client", "v2-command-truncated-code", bytes([0x05]), "truncated"),
    ("client", "v2-command-missing-payload", bytes([0x05, 0x00]), "truncated"),
    ("client", "v2-command-payload-truncated", bytes([0x05, 0x00, 0x05]) + b"ab", "truncated"),
    ("client", "v2-command-trailing-byte", command(1, b"\x01")[0] + b"\x01", "trailing-bytes"),
    ("server", "v2-unknown-server-type", bytes([0x87]), "unknown-message-type"),
    ("server", "v2-welcome-without-account",
     welcome(2, 3, 7, 20, 1000, 1048576, 1048576, 51200, 5120, 20, TOKEN, 1)[0], "truncated"),
    ("server", "v2-schema-truncated", TEST_BYTES[:20], "truncated"),
    ("server", "v2-schema-trailing-byte", TEST_BYTES + b"\x00", "trailing-bytes"),
    ("server", "v2-schema-empty-game", schema_bytes(game=""), "value-out-of-range"),
    ("server", "v2-schema-game-33-bytes", schema_bytes(game="g" * 33), "value-out-of-range"),
    ("server", "v2-schema-game-invalid-utf8", bytes([0x86, 0x02, 0xC3, 0x28]), "invalid-utf8"),
    ("server", "v2-schema-kind-count-above-limit", bytes([0x86]) + string("g") + bytes([65]), "value-out-of-range"),
    ("server", "v2-schema-kind-empty-name", schema_bytes(kinds=[kind_bytes(1, name="")]), "value-out-of-range"),
    ("server", "v2-schema-kind-name-33-bytes", schema_bytes(kinds=[kind_bytes(1, name="k" * 33)]),
     "value-out-of-range"),
    ("server", "v2-schema-kind-name-invalid-utf8",
     schema_bytes(kinds=[bytes([1, 1, 0xFF, 0]) + u32(0) + bytes([0, 0])]), "invalid-utf8"),
    ("server", "v2-schema-duplicate-kind-code",
     schema_bytes(kinds=[kind_bytes(1, "a"), kind_bytes(1, "b")]), "value-out-of-range"),
    ("server", "v2-schema-duplicate-kind-name",
     schema_bytes(kinds=[kind_bytes(1, "a"), kind_bytes(2, "a")]), "value-out-of-range"),
    ("server", "v2-schema-unknown-shape", schema_bytes(kinds=[kind_bytes(1, shape=5)]), "value-out-of-range"),
    ("server", "v2-schema-color-top-byte", schema_bytes(kinds=[kind_bytes(1, color=0x01000000)]),
     "value-out-of-range"),
    ("server", "v2-schema-glyph-5-bytes", schema_bytes(kinds=[kind_bytes(1, glyph="abcde")]), "value-out-of-range"),
    ("server", "v2-schema-glyph-invalid-utf8",
     schema_bytes(kinds=[kind_bytes(1)[:-2] + bytes([1, 0x80, 0])]), "invalid-utf8"),
    ("server", "v2-schema-label-beyond-properties",
     schema_bytes(kinds=[kind_bytes(1, label=2)], entity=[prop("hp")]), "value-out-of-range"),
    ("server", "v2-schema-label-without-properties", schema_bytes(kinds=[kind_bytes(1, label=1)]),
     "value-out-of-range"),
    ("server", "v2-schema-entity-property-count-above-limit", bytes([0x86]) + string("g") + bytes([0, 33]),
     "value-out-of-range"),
    ("server", "v2-schema-player-property-count-above-limit", bytes([0x86]) + string("g") + bytes([0, 0, 33]),
     "value-out-of-range"),
    ("server", "v2-schema-universe-property-count-above-limit",
     bytes([0x86]) + string("g") + bytes([0, 0, 0, 33]), "value-out-of-range"),
    ("server", "v2-schema-property-empty-name", schema_bytes(entity=[prop("")]), "value-out-of-range"),
    ("server", "v2-schema-property-unknown-type", schema_bytes(entity=[prop("a", 3)]), "value-out-of-range"),
    ("server", "v2-schema-int-with-max-length", schema_bytes(player=[prop("a", 0, 1)]), "value-out-of-range"),
    ("server", "v2-schema-string-max-length-zero", schema_bytes(universe=[prop("a", 1, 0)]),
     "value-out-of-range"),
    ("server", "v2-schema-bytes-max-length-256", schema_bytes(entity=[prop("a", 2, 256)]), "value-out-of-range"),
    ("server", "v2-schema-duplicate-property-name",
     schema_bytes(player=[prop("a"), prop("b", 1, 4), prop("a", 2, 4)]), "value-out-of-range"),
    ("server", "v2-schema-message-count-above-limit", bytes([0x86]) + string("g") + bytes([0, 0, 0, 0, 65]),
     "value-out-of-range"),
    ("server", "v2-schema-command-count-above-limit", bytes([0x86]) + string("g") + bytes([0, 0, 0, 0, 0, 65]),
     "value-out-of-range"),
    ("server", "v2-schema-message-unknown-format", schema_bytes(messages=[fmt("chat", 2)]), "value-out-of-range"),
    ("server", "v2-schema-duplicate-command-name", schema_bytes(commands=[fmt("go"), fmt("go", 1)]),
     "value-out-of-range"),
    ("server", "v2-schema-input-payload-above-limit", schema_bytes(limits=(65, 128)), "value-out-of-range"),
    ("server", "v2-schema-command-max-above-limit", schema_bytes(limits=(0, 201)), "value-out-of-range"),
    ("server", "v2-event-frame-unknown-tag", head(1) + bytes([0x0A, 7]), "unknown-event-tag"),
    ("server", "v2-event-frame-count-exceeds-data", head(3) + bytes([0x05, 7, 0x03]), "count-exceeds-data"),
    ("server", "v2-appeared-without-property-count", head(1) + bytes([0x01]) + V1_RECORD, "truncated"),
    ("server", "v2-appeared-property-count-above-schema", head(1) + bytes([0x01]) + V1_RECORD + bytes([7]),
     "value-out-of-range"),
    ("server", "v2-appeared-property-index-out-of-range", head(1) + bytes([0x01]) + V1_RECORD + bytes([1, 6, 0]),
     "value-out-of-range"),
    ("server", "v2-appeared-properties-descending", head(1) + bytes([0x01]) + V1_RECORD + bytes([2, 2, 2, 0, 2]),
     "value-out-of-range"),
    ("server", "v2-appeared-default-value", head(1) + bytes([0x01]) + V1_RECORD + bytes([1, 0, 0]),
     "value-out-of-range"),
    ("server", "v2-properties-entity-id-zero", head(1) + bytes([0x06, 0, 1, 0, 2]), "value-out-of-range"),
    ("server", "v2-properties-count-zero", head(1) + bytes([0x06, 7, 0]), "value-out-of-range"),
    ("server", "v2-properties-count-above-schema", head(1) + bytes([0x06, 7, 7]), "value-out-of-range"),
    ("server", "v2-properties-index-out-of-range", head(1) + bytes([0x06, 7, 1, 6, 0]), "value-out-of-range"),
    ("server", "v2-properties-index-repeated", head(1) + bytes([0x06, 7, 2, 0, 2, 0, 4]), "value-out-of-range"),
    ("server", "v2-properties-string-too-long", head(1) + bytes([0x06, 7, 1, 1]) + string("a" * 17),
     "value-out-of-range"),
    ("server", "v2-properties-bytes-too-long", head(1) + bytes([0x06, 7, 1, 3]) + blob(bytes(9)),
     "value-out-of-range"),
    ("server", "v2-properties-string-invalid-utf8", head(1) + bytes([0x06, 7, 1, 1, 2, 0xC3, 0x28]),
     "invalid-utf8"),
    ("server", "v2-properties-string-truncated", head(1) + bytes([0x06, 7, 1, 1, 5]) + b"ab", "truncated"),
    ("server", "v2-properties-int-eleven-bytes", head(1) + bytes([0x06, 7, 1, 0] + [0x80] * 10 + [0]),
     "varint-overflow"),
    ("server", "v2-properties-int-above-u64", head(1) + bytes([0x06, 7, 1, 0] + [0xFF] * 9 + [0x02]),
     "varint-overflow"),
    ("server", "v2-properties-int-non-minimal", head(1) + bytes([0x06, 7, 1, 0, 0x80, 0x00]),
     "non-minimal-varint"),
    ("server", "v2-player-state-count-zero", head(1) + bytes([0x07, 0, 0]), "value-out-of-range"),
    ("server", "v2-player-state-count-above-schema", head(1) + bytes([0x07, 4]), "value-out-of-range"),
    ("server", "v2-player-state-index-out-of-range", head(1) + bytes([0x07, 1, 3, 0]), "value-out-of-range"),
    ("server", "v2-player-state-bytes-too-long", head(1) + bytes([0x07, 1, 1]) + blob(bytes(33)),
     "value-out-of-range"),
    ("server", "v2-universe-state-descending", head(1) + bytes([0x08, 2, 1, 0, 0, 2]), "value-out-of-range"),
    ("server", "v2-universe-state-string-too-long", head(1) + bytes([0x08, 1, 1]) + string("€" * 11),
     "value-out-of-range"),
    ("server", "v2-message-unknown-scope", head(1) + bytes([0x09, 3, 0, 0]), "value-out-of-range"),
    ("server", "v2-message-entity-zero", head(1) + bytes([0x09, 1, 0, 0, 0]), "value-out-of-range"),
    ("server", "v2-message-code-out-of-range", head(1) + bytes([0x09, 2, 3, 0]), "value-out-of-range"),
    ("server", "v2-message-payload-above-limit", head(1) + bytes([0x09, 2, 2]) + blob(bytes(1025)),
     "value-out-of-range"),
    ("server", "v2-message-text-invalid-utf8", head(1) + bytes([0x09, 0, 0, 1, 0xFF]), "invalid-utf8"),
    ("server", "v2-message-payload-truncated", head(1) + bytes([0x09, 0, 2, 4, 1, 2]), "truncated"),
    ("server", "v2-reset-without-states", bytes([0x83, 1, 1, 0, 0]) + u32(0), "truncated"),
    ("server", "v2-reset-count-exceeds-data", bytes([0x83, 1, 1, 0, 0]) + u32(2) + bytes(21), "count-exceeds-data"),
    ("server", "v2-reset-count-above-limit", bytes([0x83, 1, 1, 0, 0]) + u32(0x100001), "value-out-of-range"),
    ("server", "v2-reset-record-index-out-of-range",
     bytes([0x83, 1, 1, 0, 0]) + u32(1) + V1_RECORD + bytes([1, 9, 0, 0, 0]), "value-out-of-range"),
    ("server", "v2-reset-player-state-count-above-schema", bytes([0x83, 1, 1, 0, 0]) + u32(0) + bytes([4, 0]),
     "value-out-of-range"),
    ("server", "v2-reset-record-default-string",
     bytes([0x83, 1, 1, 0, 0]) + u32(1) + V1_RECORD + bytes([1, 1, 0, 0, 0]), "value-out-of-range"),
    ("server", "v2-reset-player-state-default-value", bytes([0x83, 1, 1, 0, 0]) + u32(0) + bytes([1, 1, 0, 0]),
     "value-out-of-range"),
    ("server", "v2-reset-universe-state-index-repeated",
     bytes([0x83, 1, 1, 0, 0]) + u32(0) + bytes([0, 2, 0, 2, 0, 4]), "value-out-of-range"),
]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            assert all("\t" not in c and "\n" not in c for c in row)
            f.write("\t".join(row) + "\n")


valid = [(1, v) for v in VALID] + [(2, v) for v in VALID2]
invalid = [(1, v) for v in INVALID] + [(2, v) for v in INVALID2]
names = [n for _, (_, n, _) in valid] + [n for _, (_, n, _, _) in invalid]
assert len(names) == len(set(names))
write("vectors.tsv", ["name", "direction", "version", "hex", "text"],
      [(n, d, str(v), b.hex(), t) for v, (d, n, (b, t)) in valid])
write("invalid.tsv", ["name", "direction", "version", "hex", "error"],
      [(n, d, str(v), b.hex(), e) for v, (d, n, b, e) in invalid])
