import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CLOSE_CODES, EVENT_TAGS, FINAL_CLOSE_CODES, MESSAGE_TYPES, OrreryDecodeError, OrreryEncodeError,
  decodeClientMessage, decodeServerMessage, encodeClientMessage, encodeServerMessage, fromHex, toHex, toText,
} from '../orrery.js';
import { readTsv, seededRandom } from './helpers.js';

const vectors = readTsv('vectors/vectors.tsv');
const invalid = readTsv('vectors/invalid.tsv');
/** The schema of the vector row `name` (a schema message, decoded without one). */
const schemaOf = (name) => decodeServerMessage(fromHex(vectors.find((row) => row.name === name).hex), { version: 2 });
/** Version 2 server rows are decoded with the schema of the vector `v2-schema-test` (README §8)... */
const schema = schemaOf('v2-schema-test');
/** ...except the rows named `v2-bare-...`: with `v2-schema-bare`, which declares no entity property. */
const bareSchema = schemaOf('v2-schema-bare');
/** The codec options of a vector row: its version, and its schema. */
const optionsFor = (row) => ({
  version: Number(row.version), schema: row.name.startsWith('v2-bare-') ? bareSchema : schema,
});

const decoderFor = (direction) => (direction === 'client' ? decodeClientMessage : decodeServerMessage);
const encoderFor = (direction) => (direction === 'client' ? encodeClientMessage : encodeServerMessage);

/** Runs `fn`; returns null on success, the error's kind on OrreryDecodeError, and fails on anything else. */
function decodeKind(fn) {
  try {
    fn();
    return null;
  } catch (error) {
    assert.ok(error instanceof OrreryDecodeError, `threw ${error}`);
    return error.kind;
  }
}

describe('golden vectors', () => {
  test('the vector files are not empty and hold both versions', () => {
    for (const version of ['1', '2']) {
      assert.ok(vectors.filter((row) => row.version === version).length >= 31, version);
      assert.ok(invalid.filter((row) => row.version === version).length >= 33, version);
    }
    assert.ok([...vectors, ...invalid].every((row) => row.version === '1' || row.version === '2'));
  });

  for (const row of vectors) {
    test(`valid ${row.name}`, () => {
      const bytes = fromHex(row.hex);
      const message = decoderFor(row.direction)(bytes, optionsFor(row));
      assert.equal(toText(message), row.text);
      assert.equal(toHex(encoderFor(row.direction)(message, optionsFor(row))), row.hex);
      // The other side's decoder treats the type as unknown.
      const other = row.direction === 'client' ? decodeServerMessage : decodeClientMessage;
      assert.equal(decodeKind(() => other(bytes, optionsFor(row))), 'unknown-message-type');
    });
  }

  for (const row of invalid) {
    test(`invalid ${row.name} → ${row.error}`, () => {
      assert.equal(decodeKind(() => decoderFor(row.direction)(fromHex(row.hex), optionsFor(row))), row.error);
    });
  }

  test('version 2 messages are unknown to a version 1 decoder', () => {
    for (const row of vectors.filter((v) => v.version === '2' && /^(05|86)/.test(v.hex))) {
      assert.equal(decodeKind(() => decoderFor(row.direction)(fromHex(row.hex), { version: 1 })),
        'unknown-message-type', row.name);
    }
    const frame = vectors.find((row) => row.name === 'v2-event-frame-all-tags');
    assert.equal(decodeKind(() => decodeServerMessage(fromHex(frame.hex), { version: 1 })), 'unknown-event-tag');
  });

  test('a version 2 frame with properties needs the schema', () => {
    const frame = vectors.find((row) => row.name === 'v2-event-frame-first');
    assert.equal(decodeKind(() => decodeServerMessage(fromHex(frame.hex), { version: 2 })), 'value-out-of-range');
  });

  test('every proper prefix of every valid vector is rejected', () => {
    let prefixes = 0;
    for (const row of vectors) {
      const bytes = fromHex(row.hex);
      for (let length = 0; length < bytes.length; length++) {
        const kind = decodeKind(() => decoderFor(row.direction)(bytes.subarray(0, length), optionsFor(row)));
        assert.ok(kind === 'truncated' || kind === 'count-exceeds-data', `${row.name}[0..${length}) gave ${kind}`);
        prefixes += 1;
      }
    }
    assert.ok(prefixes > 5000);
  });

  test('decoders accept ArrayBuffer, Uint8Array views at an offset and DataView', () => {
    const row = vectors.find((v) => v.name === 'event-frame-basic');
    const bytes = fromHex(row.hex);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    for (const data of [bytes.buffer, padded.subarray(3), new DataView(padded.buffer, 3)]) {
      assert.equal(toText(decodeServerMessage(data)), row.text);
    }
  });
});

describe('seeded fuzz', () => {
  const random = seededRandom(20240611);
  const byte = () => Math.floor(random() * 256);
  const typeBytes = [...Object.values(MESSAGE_TYPES), 0x00, 0x06, 0x80, 0x87, 0xff];

  /** Decodes with both decoders of both versions; every success must re-encode to the same bytes. */
  function check(bytes) {
    for (const direction of ['client', 'server']) {
      for (const options of [{ version: 1 }, { version: 2, schema }]) {
        let message;
        try {
          message = decoderFor(direction)(bytes, options);
        } catch (error) {
          assert.ok(error instanceof OrreryDecodeError, `${toHex(bytes)}: ${error}`);
          continue;
        }
        assert.equal(toHex(encoderFor(direction)(message, options)), toHex(bytes));
      }
    }
  }

  test('random bytes only ever throw OrreryDecodeError', () => {
    for (let n = 0; n < 20000; n++) {
      const bytes = new Uint8Array(Math.floor(random() * 48));
      for (let i = 0; i < bytes.length; i++) bytes[i] = byte();
      if (bytes.length > 0 && random() < 0.8) bytes[0] = typeBytes[Math.floor(random() * typeBytes.length)];
      check(bytes);
    }
  });

  test('mutated vectors only ever throw OrreryDecodeError', () => {
    const seeds = [...vectors, ...invalid].map((row) => fromHex(row.hex));
    for (let n = 0; n < 20000; n++) {
      let bytes = Array.from(seeds[Math.floor(random() * seeds.length)]);
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (bytes.length + 1));
        const choice = random();
        if (choice < 0.5 && at < bytes.length) bytes[at] = byte();
        else if (choice < 0.65 && at < bytes.length) bytes[at] ^= 1 << Math.floor(random() * 8);
        else if (choice < 0.8) bytes.splice(at, 0, byte());
        else bytes.splice(at, 1);
      }
      check(Uint8Array.from(bytes));
    }
  });
});

describe('registries', () => {
  test('messages.tsv matches MESSAGE_TYPES and EVENT_TAGS', () => {
    const rows = readTsv('messages.tsv');
    const messages = rows.filter((row) => row.direction !== 'event');
    const events = rows.filter((row) => row.direction === 'event');
    assert.deepEqual(Object.fromEntries(messages.map((row) => [row.name, Number(row.code)])), { ...MESSAGE_TYPES });
    assert.deepEqual(Object.fromEntries(events.map((row) => [row.name, Number(row.code)])), { ...EVENT_TAGS });
    for (const row of messages) {
      // A lone type byte is truncated for its own side (in the versions that have it) and unknown for the other.
      const own = row.direction === 'client-to-server' ? decodeClientMessage : decodeServerMessage;
      const other = row.direction === 'client-to-server' ? decodeServerMessage : decodeClientMessage;
      for (const version of [1, 2]) {
        const lone = Uint8Array.of(Number(row.code));
        const expected = version >= Number(row.since) ? 'truncated' : 'unknown-message-type';
        assert.equal(decodeKind(() => own(lone, { version })), expected, `${row.name} v${version}`);
        assert.equal(decodeKind(() => other(lone, { version })), 'unknown-message-type', row.name);
      }
    }
    for (const row of events) {
      const lone = Uint8Array.of(0x82, 1, 1, 0, 1, 0, Number(row.code), 7);
      for (const version of [1, 2]) {
        const kind = decodeKind(() => decodeServerMessage(lone, { version, schema }));
        assert.equal(kind === 'unknown-event-tag', version < Number(row.since), `${row.name} v${version}: ${kind}`);
      }
    }
  });

  test('close-codes.tsv matches CLOSE_CODES and the no-reconnect set', () => {
    const rows = readTsv('close-codes.tsv');
    assert.deepEqual(Object.fromEntries(rows.map((row) => [row.code, row.name])), { ...CLOSE_CODES });
    const final = rows.filter((row) => /^stop|do not retry|do not reconnect/.test(row['client action']));
    assert.deepEqual(final.map((row) => Number(row.code)), [...FINAL_CLOSE_CODES]);
  });
});

describe('codec details', () => {
  test('varints follow the README examples', () => {
    const cases = [[0, '00'], [127, '7f'], [128, '8001'], [1001, 'e907'], [4294967295, 'ffffffff0f']];
    for (const [seq, hex] of cases) {
      const bytes = encodeClientMessage({ type: 'input', seq, heading: 0, throttle: 0, actions: 0 });
      assert.equal(toHex(bytes), `03${hex}00000000`);
      assert.equal(decodeClientMessage(bytes).seq, seq);
    }
  });

  test('64-bit fields decode as bigint above 2^53', () => {
    const ping = decodeClientMessage(fromHex('04ffffffffffffffff'));
    assert.equal(ping.timestamp, 18446744073709551615n);
    const resume = decodeClientMessage(fromHex(`0201${'00'.repeat(16)}${'80'.repeat(9)}01`));
    assert.equal(typeof resume.lastSeq, 'bigint');
    assert.equal(resume.lastSeq, 1n << 63n);
  });

  test('a leading byte order mark in a string is kept, not stripped', () => {
    const bytes = encodeClientMessage({ type: 'join', version: 1, role: 'player', name: '\ufeffa' });
    assert.equal(toHex(bytes), '0101000204efbbbf61');
    assert.equal(decodeClientMessage(bytes).name, '\ufeffa');
  });

  test('the text form escapes quotes, backslashes and control characters', () => {
    const message = { type: 'error', code: 4000, message: 'a"b\\c\n\x7f\u00e9' };
    assert.equal(toText(message), 'error code=4000 message="a\\"b\\\\c\\x0a\\x7fé"');
    assert.equal(toText(decodeServerMessage(encodeServerMessage(message))), toText(message));
  });

  test('the encoders reject values the protocol does not allow', () => {
    const record = { id: 1, kind: 1, x: 0, y: 0, vx: 0, vy: 0, heading: 0, radius: 0, owner: 0 };
    const frame = (events) => ({ type: 'event-frame', seq: 1n, tick: 1n, lastInput: 0, events });
    const bad = [
      [{ type: 'join', version: 1, role: 'player', region: { x: 0, y: 0, width: 1, height: 1 } }, 'join.region'],
      [{ type: 'join', version: 1, role: 'spectator', region: { x: 0, y: 0, width: 0, height: 1 } }, 'join.region.width'],
      [{ type: 'join', version: 1, role: 'player', name: '' }, 'join.name'],
      [{ type: 'join', version: 1, role: 'player', name: 'a'.repeat(33) }, 'join.name'],
      [{ type: 'join', version: 1, role: 'player', name: '\ud800' }, 'join.name'],
      [{ type: 'join', version: 1, role: 'admin' }, 'join.role'],
      [{ type: 'input', seq: -1, heading: 0, throttle: 0, actions: 0 }, 'input.seq'],
      [{ type: 'input', seq: 1, heading: 65536, throttle: 0, actions: 0 }, 'input.heading'],
      [{ type: 'input', seq: 1, heading: 0, throttle: 1.5, actions: 0 }, 'input.throttle'],
      [{ type: 'resume', version: 1, token: new Uint8Array(15), lastSeq: 0n }, 'resume.token'],
      [{ type: 'resume', version: 1, token: new Uint8Array(16), lastSeq: 1n << 64n }, 'resume.lastSeq'],
      [{ type: 'ping', timestamp: -1n }, 'ping.timestamp'],
    ];
    for (const [message, field] of bad) {
      assert.throws(() => encodeClientMessage(message), (error) => error instanceof OrreryEncodeError && error.field === field,
        field);
    }
    const badServer = [
      [frame([{ type: 'appeared', ...record, id: 0 }]), 'entity.id'],
      [frame([{ type: 'appeared', ...record, radius: -1 }]), 'entity.radius'],
      [frame([{ type: 'appeared', ...record, x: 2 ** 31 }]), 'entity.x'],
      [frame([{ type: 'destroyed', id: 3, reason: 4 }]), 'destroyed.reason'],
      [frame([{ type: 'disappeared', id: 0 }]), 'disappeared.id'],
      [{ type: 'error', code: 4000, message: 'x'.repeat(1025) }, 'error.message'],
    ];
    for (const [message, field] of badServer) {
      assert.throws(() => encodeServerMessage(message), (error) => error instanceof OrreryEncodeError && error.field === field,
        field);
    }
  });

  test('64-bit fields may be given to the encoders as safe integers', () => {
    const bytes = encodeClientMessage({ type: 'resume', version: 1, token: new Uint8Array(16), lastSeq: 41 });
    assert.equal(decodeClientMessage(bytes).lastSeq, 41n);
  });
});
