// @ts-check
/**
 * Orrery wire protocol, version 1: codec, exact client replica, render clock and WebSocket client.
 *
 * One ES module without dependencies, for browsers and Node ≥ 20 (`node --experimental-websocket` provides the
 * global `WebSocket`). The protocol is specified in `Protocol/README.md`; this module mirrors the Swift codec
 * (`Sources/OrreryWire`) and replica (`Sources/OrreryClient`).
 *
 * Conventions: 64-bit fields (seq, tick, ping/pong timestamps) are `bigint`; every other integer is a `number`.
 * Message objects carry a `type` equal to their name in `messages.tsv` (`'join'`, `'event-frame'`, ...), events
 * likewise (`'appeared'`, `'changed'`, ...). Positions are integer subunits (256 per metre).
 * @module orrery
 */

// ---------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------

/** The protocol version this module speaks. */
export const PROTOCOL_VERSION = 1;
/** The WebSocket subprotocol offered in `Sec-WebSocket-Protocol`. */
export const SUBPROTOCOL = 'orrery.v1';
/** Largest client→server message in bytes. */
export const MAX_CLIENT_MESSAGE_BYTES = 64;
/** Longest display name in UTF-8 bytes. */
export const MAX_DISPLAY_NAME_BYTES = 32;
/** Longest error message text in UTF-8 bytes. */
export const MAX_ERROR_MESSAGE_BYTES = 1024;
/** Most events in one event frame (the count is a u16). */
export const MAX_EVENTS_PER_FRAME = 0xffff;
/** Most entity records in one reset. */
export const MAX_RESET_ENTITIES = 1 << 20;
/** Length of a resume token in bytes. */
export const TOKEN_BYTES = 16;
/** Tick rates a welcome may announce, in Hz. */
export const TICK_RATE_RANGE = Object.freeze({ min: 1, max: 1000 });

/** Message type byte by message name (`messages.tsv`, client-to-server and server-to-client rows). */
export const MESSAGE_TYPES = Object.freeze({
  join: 0x01,
  resume: 0x02,
  input: 0x03,
  ping: 0x04,
  welcome: 0x81,
  'event-frame': 0x82,
  reset: 0x83,
  error: 0x84,
  pong: 0x85,
});

/** Event tag byte by event name (`messages.tsv`, event rows). */
export const EVENT_TAGS = Object.freeze({ appeared: 0x01, changed: 0x02, disappeared: 0x03, destroyed: 0x04, avatar: 0x05 });

/** Role names by wire value (0 = player, 1 = spectator). */
export const ROLES = Object.freeze(/** @type {const} */ (['player', 'spectator']));

/** Destroy reason names by wire value (canonical text form). */
export const DESTROY_REASONS = Object.freeze(/** @type {const} */ (['expired', 'collision', 'shot', 'owner-left']));

/** Entity kinds of the default arena; other values belong to plugged-in games. */
export const KINDS = Object.freeze({ playerShip: 1, npcShip: 2, asteroid: 3, projectile: 4 });

/** Application close codes by number (`close-codes.tsv`). */
export const CLOSE_CODES = Object.freeze({
  4000: 'bad-message',
  4001: 'unsupported-version',
  4002: 'universe-full',
  4003: 'resume-rejected',
  4004: 'slow-consumer',
  4006: 'universe-closed',
  4007: 'kicked',
  4008: 'duplicate-session',
  4009: 'hello-timeout',
  4010: 'role-forbidden',
});

/** Close codes after which a client must not reconnect automatically (README §5.2). */
export const FINAL_CLOSE_CODES = Object.freeze([4000, 4001, 4006, 4007, 4008, 4010]);

const I32_MAX = 0x7fffffff;
const U32_MAX = 0xffffffff;
const U64_MAX = (1n << 64n) - 1n;
const MIN_EVENT_BYTES = 2;
const MIN_RECORD_BYTES = 10;

// ---------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------

/**
 * @typedef {object} EntityRecord An entity's full state (appeared payload, reset record).
 * @property {number} id entity id, never 0
 * @property {number} kind u8
 * @property {number} x Int32 subunits
 * @property {number} y Int32 subunits
 * @property {number} vx Int32 subunits per tick
 * @property {number} vy Int32 subunits per tick
 * @property {number} heading u16, 65536 = full turn, counter-clockwise from +x
 * @property {number} radius 0 ... 2³¹−1 subunits
 * @property {number} owner player id, 0 = none
 */
/** @typedef {{x: number, y: number, width: number, height: number}} Region spectator view rectangle, subunits */
/** @typedef {'player' | 'spectator'} Role */

/** @typedef {{type: 'join', version: number, role: Role, region?: Region, name?: string}} JoinMessage */
/** @typedef {{type: 'resume', version: number, token: Uint8Array, lastSeq: bigint}} ResumeMessage */
/** @typedef {{type: 'input', seq: number, heading: number, throttle: number, actions: number}} InputMessage */
/** @typedef {{type: 'ping', timestamp: bigint}} PingMessage */
/** @typedef {JoinMessage | ResumeMessage | InputMessage | PingMessage} ClientMessage */

/**
 * @typedef {object} WelcomeMessage
 * @property {'welcome'} type
 * @property {number} version
 * @property {number} playerId 0 for spectators
 * @property {number} avatarId 0 = none
 * @property {number} tickRate Hz, 1 ... 1000
 * @property {bigint} tick the universe's current tick
 * @property {number} worldWidth subunits
 * @property {number} worldHeight subunits
 * @property {number} viewRadius enter radius R, subunits
 * @property {number} hysteresis h, subunits
 * @property {number} keepAlive ticks
 * @property {Uint8Array} token 16-byte resume token
 * @property {bigint} firstSeq seq of the next frame or reset
 */
/** @typedef {{type: 'appeared'} & EntityRecord} AppearedEvent */
/** @typedef {{type: 'changed', id: number, x: number, y: number, vx: number, vy: number, heading: number}} ChangedEvent */
/** @typedef {{type: 'disappeared', id: number}} DisappearedEvent */
/** @typedef {{type: 'destroyed', id: number, reason: number}} DestroyedEvent reason indexes DESTROY_REASONS */
/** @typedef {{type: 'avatar', id: number}} AvatarEvent */
/** @typedef {AppearedEvent | ChangedEvent | DisappearedEvent | DestroyedEvent | AvatarEvent} WireEvent */
/** @typedef {{type: 'event-frame', seq: bigint, tick: bigint, lastInput: number, events: WireEvent[]}} EventFrameMessage */
/**
 * @typedef {{type: 'reset', seq: bigint, tick: bigint, lastInput: number, avatarId: number,
 *   entities: EntityRecord[]}} ResetMessage
 */
/** @typedef {{type: 'error', code: number, message: string}} ErrorMessage */
/** @typedef {{type: 'pong', timestamp: bigint, tick: bigint}} PongMessage */
/** @typedef {WelcomeMessage | EventFrameMessage | ResetMessage | ErrorMessage | PongMessage} ServerMessage */

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

/**
 * Bytes that are not a valid message. `kind` is one of the names in `invalid.tsv`: `truncated`, `trailing-bytes`,
 * `non-minimal-varint`, `varint-overflow`, `unknown-message-type`, `unknown-event-tag`, `value-out-of-range`,
 * `count-exceeds-data`, `invalid-utf8`. `offset` is the byte where the offending field starts.
 */
export class OrreryDecodeError extends Error {
  /**
   * @param {string} kind
   * @param {number} offset
   * @param {string} [detail]
   */
  constructor(kind, offset, detail) {
    super(`${kind} at byte ${offset}${detail ? ` (${detail})` : ''}`);
    this.name = 'OrreryDecodeError';
    /** @type {string} */
    this.kind = kind;
    /** @type {number} */
    this.offset = offset;
  }
}

/** A message object that cannot be encoded: `field` names the offending field (e.g. `join.name`). */
export class OrreryEncodeError extends Error {
  /** @param {string} field */
  constructor(field) {
    super(`value out of range in field ${field}`);
    this.name = 'OrreryEncodeError';
    /** @type {string} */
    this.field = field;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------------------------

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * @param {ArrayBuffer | ArrayBufferView} data
 * @returns {Uint8Array}
 */
function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new TypeError('expected an ArrayBuffer or a typed array');
}

/** Reads fields from one message; every read checks the remaining length first. */
class Reader {
  /** @param {Uint8Array} bytes */
  constructor(bytes) {
    this.b = bytes;
    this.i = 0;
  }

  get remaining() {
    return this.b.length - this.i;
  }

  end() {
    if (this.i !== this.b.length) throw new OrreryDecodeError('trailing-bytes', this.i);
  }

  /** @param {number} width */
  need(width) {
    if (this.b.length - this.i < width) throw new OrreryDecodeError('truncated', this.i);
  }

  u8() {
    this.need(1);
    return this.b[this.i++];
  }

  u16() {
    this.need(2);
    const b = this.b, i = this.i;
    this.i += 2;
    return b[i] | (b[i + 1] << 8);
  }

  u32() {
    this.need(4);
    const b = this.b, i = this.i;
    this.i += 4;
    return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
  }

  u64() {
    this.need(8);
    const low = this.u32();
    const high = this.u32();
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /** Unsigned LEB128 of at most 5 bytes and value ≤ 2³²−1, minimal length only. */
  v32() {
    const b = this.b, start = this.i;
    let value = 0, scale = 1;
    for (let position = 1; position <= 5; position++) {
      if (this.i >= b.length) throw new OrreryDecodeError('truncated', start);
      const byte = b[this.i++];
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (position > 1 && byte === 0) throw new OrreryDecodeError('non-minimal-varint', start);
        if (value > U32_MAX) throw new OrreryDecodeError('varint-overflow', start);
        return value;
      }
      scale *= 128;
    }
    throw new OrreryDecodeError('varint-overflow', start);
  }

  /** Unsigned LEB128 of at most 10 bytes and value ≤ 2⁶⁴−1, minimal length only, as a bigint. */
  v64() {
    const b = this.b, start = this.i;
    let small = 0, scale = 1;
    /** @type {bigint | null} */
    let big = null;
    for (let position = 1; position <= 10; position++) {
      if (this.i >= b.length) throw new OrreryDecodeError('truncated', start);
      const byte = b[this.i++];
      const payload = byte & 0x7f;
      if (position === 10 && payload > 1) throw new OrreryDecodeError('varint-overflow', start);
      if (position <= 7) {
        small += payload * scale; // below 2⁴⁹: exact in a double
        scale *= 128;
      } else {
        big = (big ?? BigInt(small)) + (BigInt(payload) << BigInt(7 * (position - 1)));
      }
      if ((byte & 0x80) === 0) {
        if (position > 1 && byte === 0) throw new OrreryDecodeError('non-minimal-varint', start);
        return big ?? BigInt(small);
      }
    }
    throw new OrreryDecodeError('varint-overflow', start);
  }

  /** Zigzag-mapped Int32. */
  s32() {
    const raw = this.v32();
    return (raw >>> 1) ^ -(raw & 1);
  }

  /**
   * A v32 that must lie in `min ... max`.
   * @param {number} min
   * @param {number} max
   * @param {string} field
   */
  ranged(min, max, field) {
    const start = this.i;
    const value = this.v32();
    if (value < min || value > max) throw new OrreryDecodeError('value-out-of-range', start, field);
    return value;
  }

  /**
   * A v32 byte length then that many bytes of valid UTF-8.
   * @param {boolean} allowEmpty
   * @param {number} max
   * @param {string} field
   */
  string(allowEmpty, max, field) {
    const start = this.i;
    const count = this.v32();
    if (count > max || (!allowEmpty && count === 0)) throw new OrreryDecodeError('value-out-of-range', start, field);
    this.need(count);
    const textStart = this.i;
    this.i += count;
    try {
      return utf8Decoder.decode(this.b.subarray(textStart, textStart + count));
    } catch {
      throw new OrreryDecodeError('invalid-utf8', textStart, field);
    }
  }

  token() {
    this.need(TOKEN_BYTES);
    const token = this.b.slice(this.i, this.i + TOKEN_BYTES);
    this.i += TOKEN_BYTES;
    return token;
  }

  entityId() {
    return this.ranged(1, U32_MAX, 'entity.id');
  }

  /** @returns {EntityRecord} */
  record() {
    const id = this.entityId();
    const kind = this.u8();
    const x = this.s32();
    const y = this.s32();
    const vx = this.s32();
    const vy = this.s32();
    const heading = this.u16();
    const radius = this.ranged(0, I32_MAX, 'entity.radius');
    return { id, kind, x, y, vx, vy, heading, radius, owner: this.v32() };
  }
}

/**
 * @param {Reader} r
 * @returns {JoinMessage}
 */
function readJoin(r) {
  const version = r.u8();
  const roleOffset = r.i;
  const roleByte = r.u8();
  if (roleByte > 1) throw new OrreryDecodeError('value-out-of-range', roleOffset, 'join.role');
  const flagsOffset = r.i;
  const flags = r.u8();
  if ((flags & ~3) !== 0 || ((flags & 1) !== 0 && roleByte !== 1)) {
    throw new OrreryDecodeError('value-out-of-range', flagsOffset, 'join.flags');
  }
  /** @type {JoinMessage} */
  const join = { type: 'join', version, role: ROLES[roleByte] };
  if (flags & 1) {
    const x = r.s32();
    const y = r.s32();
    const width = r.ranged(1, I32_MAX, 'join.region.width');
    const height = r.ranged(1, I32_MAX, 'join.region.height');
    join.region = { x, y, width, height };
  }
  if (flags & 2) join.name = r.string(false, MAX_DISPLAY_NAME_BYTES, 'join.name');
  return join;
}

/**
 * Decodes one client→server message (what a server reads). The bytes must be exactly one message.
 * @param {ArrayBuffer | ArrayBufferView} data
 * @returns {ClientMessage}
 * @throws {OrreryDecodeError}
 */
export function decodeClientMessage(data) {
  const r = new Reader(asBytes(data));
  const type = r.u8();
  /** @type {ClientMessage} */
  let message;
  switch (type) {
    case MESSAGE_TYPES.join:
      message = readJoin(r);
      break;
    case MESSAGE_TYPES.resume: {
      const version = r.u8();
      const token = r.token();
      message = { type: 'resume', version, token, lastSeq: r.v64() };
      break;
    }
    case MESSAGE_TYPES.input: {
      const seq = r.v32();
      const heading = r.u16();
      const throttle = r.u8();
      message = { type: 'input', seq, heading, throttle, actions: r.u8() };
      break;
    }
    case MESSAGE_TYPES.ping:
      message = { type: 'ping', timestamp: r.u64() };
      break;
    default:
      throw new OrreryDecodeError('unknown-message-type', 0, `type ${type}`);
  }
  r.end();
  return message;
}

/**
 * @param {Reader} r
 * @returns {WelcomeMessage}
 */
function readWelcome(r) {
  const version = r.u8();
  const playerId = r.v32();
  const avatarId = r.v32();
  const tickRate = r.ranged(TICK_RATE_RANGE.min, TICK_RATE_RANGE.max, 'welcome.tickRate');
  const tick = r.v64();
  const worldWidth = r.ranged(1, I32_MAX, 'welcome.worldWidth');
  const worldHeight = r.ranged(1, I32_MAX, 'welcome.worldHeight');
  const viewRadius = r.ranged(0, I32_MAX, 'welcome.viewRadius');
  const hysteresis = r.ranged(0, I32_MAX, 'welcome.hysteresis');
  const keepAlive = r.ranged(1, U32_MAX, 'welcome.keepAlive');
  const token = r.token();
  return {
    type: 'welcome', version, playerId, avatarId, tickRate, tick, worldWidth, worldHeight, viewRadius, hysteresis,
    keepAlive, token, firstSeq: r.v64(),
  };
}

/**
 * @param {Reader} r
 * @returns {WireEvent}
 */
function readEvent(r) {
  const tagOffset = r.i;
  const tag = r.u8();
  switch (tag) {
    case EVENT_TAGS.appeared:
      return { type: 'appeared', ...r.record() };
    case EVENT_TAGS.changed: {
      const id = r.entityId();
      const x = r.s32();
      const y = r.s32();
      const vx = r.s32();
      const vy = r.s32();
      return { type: 'changed', id, x, y, vx, vy, heading: r.u16() };
    }
    case EVENT_TAGS.disappeared:
      return { type: 'disappeared', id: r.entityId() };
    case EVENT_TAGS.destroyed: {
      const id = r.entityId();
      const reasonOffset = r.i;
      const reason = r.u8();
      if (reason >= DESTROY_REASONS.length) {
        throw new OrreryDecodeError('value-out-of-range', reasonOffset, 'destroyed.reason');
      }
      return { type: 'destroyed', id, reason };
    }
    case EVENT_TAGS.avatar:
      return { type: 'avatar', id: r.v32() };
    default:
      throw new OrreryDecodeError('unknown-event-tag', tagOffset, `tag ${tag}`);
  }
}

/**
 * @param {Reader} r
 * @returns {EventFrameMessage}
 */
function readEventFrame(r) {
  const seq = r.v64();
  const tick = r.v64();
  const lastInput = r.v32();
  const countOffset = r.i;
  const count = r.u16();
  if (count > Math.floor(r.remaining / MIN_EVENT_BYTES)) {
    throw new OrreryDecodeError('count-exceeds-data', countOffset, `count ${count}`);
  }
  const events = new Array(count);
  for (let n = 0; n < count; n++) events[n] = readEvent(r);
  return { type: 'event-frame', seq, tick, lastInput, events };
}

/**
 * @param {Reader} r
 * @returns {ResetMessage}
 */
function readReset(r) {
  const seq = r.v64();
  const tick = r.v64();
  const lastInput = r.v32();
  const avatarId = r.v32();
  const countOffset = r.i;
  const count = r.u32();
  if (count > MAX_RESET_ENTITIES) throw new OrreryDecodeError('value-out-of-range', countOffset, 'reset.count');
  if (count > Math.floor(r.remaining / MIN_RECORD_BYTES)) {
    throw new OrreryDecodeError('count-exceeds-data', countOffset, `count ${count}`);
  }
  const entities = new Array(count);
  for (let n = 0; n < count; n++) entities[n] = r.record();
  return { type: 'reset', seq, tick, lastInput, avatarId, entities };
}

/**
 * Decodes one server→client message (what a client reads). The bytes must be exactly one message.
 * @param {ArrayBuffer | ArrayBufferView} data
 * @returns {ServerMessage}
 * @throws {OrreryDecodeError}
 */
export function decodeServerMessage(data) {
  const r = new Reader(asBytes(data));
  const type = r.u8();
  /** @type {ServerMessage} */
  let message;
  switch (type) {
    case MESSAGE_TYPES.welcome:
      message = readWelcome(r);
      break;
    case MESSAGE_TYPES['event-frame']:
      message = readEventFrame(r);
      break;
    case MESSAGE_TYPES.reset:
      message = readReset(r);
      break;
    case MESSAGE_TYPES.error: {
      const code = r.u16();
      message = { type: 'error', code, message: r.string(true, MAX_ERROR_MESSAGE_BYTES, 'error.message') };
      break;
    }
    case MESSAGE_TYPES.pong: {
      const timestamp = r.u64();
      message = { type: 'pong', timestamp, tick: r.v64() };
      break;
    }
    default:
      throw new OrreryDecodeError('unknown-message-type', 0, `type ${type}`);
  }
  r.end();
  return message;
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------------------------

/**
 * @param {unknown} value
 * @param {number} min
 * @param {number} max
 * @param {string} field
 * @returns {number}
 */
function int(value, min, max, field) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OrreryEncodeError(field);
  }
  return value;
}

/**
 * A u64 given as a bigint or a non-negative safe integer.
 * @param {unknown} value
 * @param {string} field
 * @returns {bigint}
 */
function u64(value, field) {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'bigint' && value >= 0n && value <= U64_MAX) return value;
  throw new OrreryEncodeError(field);
}

/** Appends fields to a growing byte buffer. */
class Writer {
  /** @param {number} capacity */
  constructor(capacity) {
    this.b = new Uint8Array(capacity);
    this.n = 0;
  }

  /** @param {number} extra */
  ensure(extra) {
    if (this.n + extra <= this.b.length) return;
    const grown = new Uint8Array(Math.max(this.b.length * 2, this.n + extra));
    grown.set(this.b.subarray(0, this.n));
    this.b = grown;
  }

  /** @param {number} value */
  u8(value) {
    this.ensure(1);
    this.b[this.n++] = value;
  }

  /** @param {number} value */
  u16(value) {
    this.ensure(2);
    this.b[this.n++] = value & 0xff;
    this.b[this.n++] = value >>> 8;
  }

  /** @param {number} value */
  u32(value) {
    this.ensure(4);
    for (let shift = 0; shift < 32; shift += 8) this.b[this.n++] = (value >>> shift) & 0xff;
  }

  /** @param {bigint} value */
  u64(value) {
    this.u32(Number(value & 0xffffffffn));
    this.u32(Number(value >> 32n));
  }

  /** @param {number} value 0 ... 2³²−1 */
  v32(value) {
    this.ensure(5);
    let rest = value;
    while (rest >= 0x80) {
      this.b[this.n++] = (rest & 0x7f) | 0x80;
      rest = Math.floor(rest / 128);
    }
    this.b[this.n++] = rest;
  }

  /** @param {bigint} value 0 ... 2⁶⁴−1 */
  v64(value) {
    if (value <= BigInt(U32_MAX)) {
      this.v32(Number(value));
      return;
    }
    this.ensure(10);
    let rest = value;
    while (rest >= 0x80n) {
      this.b[this.n++] = Number(rest & 0x7fn) | 0x80;
      rest >>= 7n;
    }
    this.b[this.n++] = Number(rest);
  }

  /** @param {number} value Int32 */
  s32(value) {
    this.v32(((value << 1) ^ (value >> 31)) >>> 0);
  }

  /** @param {Uint8Array} bytes */
  bytes(bytes) {
    this.ensure(bytes.length);
    this.b.set(bytes, this.n);
    this.n += bytes.length;
  }

  /**
   * @param {unknown} text
   * @param {boolean} allowEmpty
   * @param {number} max
   * @param {string} field
   */
  string(text, allowEmpty, max, field) {
    if (typeof text !== 'string' || !isWellFormed(text)) throw new OrreryEncodeError(field);
    const bytes = utf8Encoder.encode(text);
    if (bytes.length > max || (!allowEmpty && bytes.length === 0)) throw new OrreryEncodeError(field);
    this.v32(bytes.length);
    this.bytes(bytes);
  }

  /**
   * @param {unknown} token
   * @param {string} field
   */
  token(token, field) {
    if (!(token instanceof Uint8Array) || token.length !== TOKEN_BYTES) throw new OrreryEncodeError(field);
    this.bytes(token);
  }

  /**
   * @param {{x: number, y: number, vx: number, vy: number}} motion
   * @param {string} field
   */
  motion(motion, field) {
    this.s32(int(motion.x, -I32_MAX - 1, I32_MAX, `${field}.x`));
    this.s32(int(motion.y, -I32_MAX - 1, I32_MAX, `${field}.y`));
    this.s32(int(motion.vx, -I32_MAX - 1, I32_MAX, `${field}.vx`));
    this.s32(int(motion.vy, -I32_MAX - 1, I32_MAX, `${field}.vy`));
  }

  /** @param {EntityRecord} record */
  record(record) {
    this.v32(int(record.id, 1, U32_MAX, 'entity.id'));
    this.u8(int(record.kind, 0, 0xff, 'entity.kind'));
    this.motion(record, 'entity');
    this.u16(int(record.heading, 0, 0xffff, 'entity.heading'));
    this.v32(int(record.radius, 0, I32_MAX, 'entity.radius'));
    this.v32(int(record.owner, 0, U32_MAX, 'entity.owner'));
  }

  result() {
    return this.b.slice(0, this.n);
  }
}

/**
 * True when the string has no lone surrogates (so its UTF-8 encoding is exact).
 * @param {string} text
 */
function isWellFormed(text) {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/**
 * Encodes one client→server message. Values are checked as strictly as the Swift encoder does.
 * @param {ClientMessage} message
 * @returns {Uint8Array}
 * @throws {OrreryEncodeError}
 */
export function encodeClientMessage(message) {
  const w = new Writer(MAX_CLIENT_MESSAGE_BYTES);
  switch (message.type) {
    case 'join': {
      const roleByte = ROLES.indexOf(message.role);
      if (roleByte < 0) throw new OrreryEncodeError('join.role');
      const { region, name } = message;
      w.u8(MESSAGE_TYPES.join);
      w.u8(int(message.version, 0, 0xff, 'join.version'));
      w.u8(roleByte);
      w.u8((region !== undefined ? 1 : 0) | (name !== undefined ? 2 : 0));
      if (region !== undefined) {
        if (message.role !== 'spectator') throw new OrreryEncodeError('join.region');
        w.s32(int(region.x, -I32_MAX - 1, I32_MAX, 'join.region.x'));
        w.s32(int(region.y, -I32_MAX - 1, I32_MAX, 'join.region.y'));
        w.v32(int(region.width, 1, I32_MAX, 'join.region.width'));
        w.v32(int(region.height, 1, I32_MAX, 'join.region.height'));
      }
      if (name !== undefined) w.string(name, false, MAX_DISPLAY_NAME_BYTES, 'join.name');
      break;
    }
    case 'resume':
      w.u8(MESSAGE_TYPES.resume);
      w.u8(int(message.version, 0, 0xff, 'resume.version'));
      w.token(message.token, 'resume.token');
      w.v64(u64(message.lastSeq, 'resume.lastSeq'));
      break;
    case 'input':
      w.u8(MESSAGE_TYPES.input);
      w.v32(int(message.seq, 0, U32_MAX, 'input.seq'));
      w.u16(int(message.heading, 0, 0xffff, 'input.heading'));
      w.u8(int(message.throttle, 0, 0xff, 'input.throttle'));
      w.u8(int(message.actions, 0, 0xff, 'input.actions'));
      break;
    case 'ping':
      w.u8(MESSAGE_TYPES.ping);
      w.u64(u64(message.timestamp, 'ping.timestamp'));
      break;
    default:
      throw new OrreryEncodeError('type');
  }
  return w.result();
}

/**
 * @param {Writer} w
 * @param {WireEvent} event
 */
function writeEvent(w, event) {
  switch (event.type) {
    case 'appeared':
      w.u8(EVENT_TAGS.appeared);
      w.record(event);
      break;
    case 'changed':
      w.u8(EVENT_TAGS.changed);
      w.v32(int(event.id, 1, U32_MAX, 'changed.id'));
      w.motion(event, 'changed');
      w.u16(int(event.heading, 0, 0xffff, 'changed.heading'));
      break;
    case 'disappeared':
      w.u8(EVENT_TAGS.disappeared);
      w.v32(int(event.id, 1, U32_MAX, 'disappeared.id'));
      break;
    case 'destroyed':
      w.u8(EVENT_TAGS.destroyed);
      w.v32(int(event.id, 1, U32_MAX, 'destroyed.id'));
      w.u8(int(event.reason, 0, DESTROY_REASONS.length - 1, 'destroyed.reason'));
      break;
    case 'avatar':
      w.u8(EVENT_TAGS.avatar);
      w.v32(int(event.id, 0, U32_MAX, 'avatar.id'));
      break;
    default:
      throw new OrreryEncodeError('event.type');
  }
}

/**
 * Encodes one server→client message. For tests and tools (fake servers, vector checks); a client never sends these.
 * @param {ServerMessage} message
 * @returns {Uint8Array}
 * @throws {OrreryEncodeError}
 */
export function encodeServerMessage(message) {
  const w = new Writer(64);
  switch (message.type) {
    case 'welcome':
      w.u8(MESSAGE_TYPES.welcome);
      w.u8(int(message.version, 0, 0xff, 'welcome.version'));
      w.v32(int(message.playerId, 0, U32_MAX, 'welcome.playerId'));
      w.v32(int(message.avatarId, 0, U32_MAX, 'welcome.avatarId'));
      w.v32(int(message.tickRate, TICK_RATE_RANGE.min, TICK_RATE_RANGE.max, 'welcome.tickRate'));
      w.v64(u64(message.tick, 'welcome.tick'));
      w.v32(int(message.worldWidth, 1, I32_MAX, 'welcome.worldWidth'));
      w.v32(int(message.worldHeight, 1, I32_MAX, 'welcome.worldHeight'));
      w.v32(int(message.viewRadius, 0, I32_MAX, 'welcome.viewRadius'));
      w.v32(int(message.hysteresis, 0, I32_MAX, 'welcome.hysteresis'));
      w.v32(int(message.keepAlive, 1, U32_MAX, 'welcome.keepAlive'));
      w.token(message.token, 'welcome.token');
      w.v64(u64(message.firstSeq, 'welcome.firstSeq'));
      break;
    case 'event-frame':
      if (message.events.length > MAX_EVENTS_PER_FRAME) throw new OrreryEncodeError('event-frame.events');
      w.u8(MESSAGE_TYPES['event-frame']);
      w.v64(u64(message.seq, 'event-frame.seq'));
      w.v64(u64(message.tick, 'event-frame.tick'));
      w.v32(int(message.lastInput, 0, U32_MAX, 'event-frame.lastInput'));
      w.u16(message.events.length);
      for (const event of message.events) writeEvent(w, event);
      break;
    case 'reset':
      if (message.entities.length > MAX_RESET_ENTITIES) throw new OrreryEncodeError('reset.entities');
      w.u8(MESSAGE_TYPES.reset);
      w.v64(u64(message.seq, 'reset.seq'));
      w.v64(u64(message.tick, 'reset.tick'));
      w.v32(int(message.lastInput, 0, U32_MAX, 'reset.lastInput'));
      w.v32(int(message.avatarId, 0, U32_MAX, 'reset.avatarId'));
      w.u32(message.entities.length);
      for (const entity of message.entities) w.record(entity);
      break;
    case 'error':
      w.u8(MESSAGE_TYPES.error);
      w.u16(int(message.code, 0, 0xffff, 'error.code'));
      w.string(message.message, true, MAX_ERROR_MESSAGE_BYTES, 'error.message');
      break;
    case 'pong':
      w.u8(MESSAGE_TYPES.pong);
      w.u64(u64(message.timestamp, 'pong.timestamp'));
      w.v64(u64(message.tick, 'pong.tick'));
      break;
    default:
      throw new OrreryEncodeError('type');
  }
  return w.result();
}

// ---------------------------------------------------------------------------------------------------------------
// Canonical text form (README §8)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Lowercase hex of bytes.
 * @param {ArrayBuffer | ArrayBufferView} data
 */
export function toHex(data) {
  let text = '';
  for (const byte of asBytes(data)) text += byte.toString(16).padStart(2, '0');
  return text;
}

/**
 * Bytes from hex digits (an empty string gives no bytes).
 * @param {string} hex
 */
export function fromHex(hex) {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new SyntaxError('not a hex string');
  const bytes = new Uint8Array(hex.length / 2);
  for (let n = 0; n < bytes.length; n++) bytes[n] = parseInt(hex.slice(2 * n, 2 * n + 2), 16);
  return bytes;
}

/** @param {string} text */
function quoted(text) {
  let out = '"';
  for (const char of text) {
    const code = /** @type {number} */ (char.codePointAt(0));
    if (char === '\\') out += '\\\\';
    else if (char === '"') out += '\\"';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/**
 * @param {string} label
 * @param {EntityRecord} e
 */
function recordText(label, e) {
  return `${label} id=${e.id} kind=${e.kind} x=${e.x} y=${e.y} vx=${e.vx} vy=${e.vy} heading=${e.heading}` +
    ` radius=${e.radius} owner=${e.owner}`;
}

/**
 * The canonical text form of one event.
 * @param {WireEvent} event
 */
export function eventToText(event) {
  switch (event.type) {
    case 'appeared': return recordText('appeared', event);
    case 'changed':
      return `changed id=${event.id} x=${event.x} y=${event.y} vx=${event.vx} vy=${event.vy} heading=${event.heading}`;
    case 'disappeared': return `disappeared id=${event.id}`;
    case 'destroyed': return `destroyed id=${event.id} reason=${DESTROY_REASONS[event.reason] ?? event.reason}`;
    case 'avatar': return `avatar id=${event.id}`;
  }
}

/**
 * The canonical one-line text form of a message, as in `vectors.tsv` (handy in logs too).
 * @param {ClientMessage | ServerMessage} m
 * @returns {string}
 */
export function toText(m) {
  switch (m.type) {
    case 'join': {
      let text = `join version=${m.version} role=${m.role}`;
      if (m.region) text += ` region=${m.region.x},${m.region.y},${m.region.width},${m.region.height}`;
      if (m.name !== undefined) text += ` name=${quoted(m.name)}`;
      return text;
    }
    case 'resume': return `resume version=${m.version} token=${toHex(m.token)} lastSeq=${m.lastSeq}`;
    case 'input': return `input seq=${m.seq} heading=${m.heading} throttle=${m.throttle} actions=${m.actions}`;
    case 'ping': return `ping timestamp=${m.timestamp}`;
    case 'welcome':
      return `welcome version=${m.version} player=${m.playerId} avatar=${m.avatarId} tickRate=${m.tickRate}` +
        ` tick=${m.tick} world=${m.worldWidth}x${m.worldHeight} viewRadius=${m.viewRadius}` +
        ` hysteresis=${m.hysteresis} keepAlive=${m.keepAlive} token=${toHex(m.token)} firstSeq=${m.firstSeq}`;
    case 'event-frame': {
      let text = `event-frame seq=${m.seq} tick=${m.tick} lastInput=${m.lastInput} events=${m.events.length}`;
      for (const event of m.events) text += ` | ${eventToText(event)}`;
      return text;
    }
    case 'reset': {
      let text = `reset seq=${m.seq} tick=${m.tick} lastInput=${m.lastInput} avatar=${m.avatarId}` +
        ` entities=${m.entities.length}`;
      for (const entity of m.entities) text += ` | ${recordText('entity', entity)}`;
      return text;
    }
    case 'error': return `error code=${m.code} message=${quoted(m.message)}`;
    case 'pong': return `pong timestamp=${m.timestamp} tick=${m.tick}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Replica (README §6, GAME_MODEL.md "The motion rule")
// ---------------------------------------------------------------------------------------------------------------

/**
 * Why a replica refused a frame; a refused frame leaves the replica exactly as it was. `kind` is one of
 * `no-session`, `reset-required`, `sequence-gap`, `tick-went-backwards`, `unknown-entity`, `duplicate-entity`.
 */
export class ReplicaError extends Error {
  /**
   * @param {string} kind
   * @param {string} message
   * @param {{expected?: bigint, received?: bigint, replicaTick?: bigint, frameTick?: bigint, seq?: bigint,
   *   id?: number}} [details]
   */
  constructor(kind, message, details = {}) {
    super(message);
    this.name = 'ReplicaError';
    /** @type {string} */
    this.kind = kind;
    /** Numbers describing the failure (`expected`/`received` seqs, `replicaTick`/`frameTick`, `seq`, `id`). */
    this.details = details;
  }
}

/**
 * @typedef {object} RenderEntity An entity dead-reckoned to a fractional tick, for drawing.
 * @property {number} id
 * @property {number} kind
 * @property {number} x float subunits
 * @property {number} y float subunits
 * @property {number} vx subunits per tick
 * @property {number} vy subunits per tick
 * @property {number} heading u16 (radians = heading × 2π / 65536)
 * @property {number} radius subunits
 * @property {number} owner player id, 0 = none
 */

/**
 * The client's copy of the entities in its view, kept bit-exact with the server by applying welcome, event frames
 * and resets. No I/O and no clock. Mirrors the Swift `Replica`.
 */
export class Replica {
  constructor() {
    /** Parameters of the current session (the latest welcome); null before the first welcome. @type {WelcomeMessage | null} */
    this.session = null;
    /** The tick whose state the replica holds. @type {bigint} */
    this.tick = 0n;
    /** Seq of the last applied frame or reset (the welcome's firstSeq − 1 before any). @type {bigint} */
    this.lastSeq = 0n;
    /** The entity the player controls (0 = none). */
    this.avatarId = 0;
    /** The last input seq the server reported applied. */
    this.lastInputSeq = 0;
    /** Every entity in view at `tick`, by id. The records are owned (and advanced in place) by the replica. @type {Map<number, EntityRecord>} */
    this.entities = new Map();
    /** True after a resume the server could not continue: the next message must be a reset. */
    this.awaitingReset = false;
    /** Per-frame validation scratch (id → present after the events so far). @type {Map<number, boolean>} */
    this.scratch = new Map();
  }

  /** The seq the next frame or reset must carry. */
  get expectedSeq() {
    return BigInt.asUintN(64, this.lastSeq + 1n);
  }

  /**
   * The entity with this id at `tick`, if in view.
   * @param {number} id
   */
  entity(id) {
    return this.entities.get(id);
  }

  /**
   * Starts a new session after a join: forgets everything and waits for seq `welcome.firstSeq`.
   * @param {WelcomeMessage} welcome
   */
  begin(welcome) {
    this.session = welcome;
    this.tick = BigInt(welcome.tick);
    this.lastSeq = BigInt.asUintN(64, BigInt(welcome.firstSeq) - 1n);
    this.avatarId = welcome.avatarId;
    this.lastInputSeq = 0;
    this.entities.clear();
    this.awaitingReset = false;
  }

  /**
   * Continues the session after a resume. If the server continues at `expectedSeq` the state is kept and replayed
   * frames follow; otherwise the state is kept for display until the reset the server must send.
   * @param {WelcomeMessage} welcome
   */
  resume(welcome) {
    if (this.session === null) {
      this.begin(welcome);
      return;
    }
    this.session = welcome;
    const firstSeq = BigInt(welcome.firstSeq);
    if (firstSeq !== this.expectedSeq) {
      this.awaitingReset = true;
      this.lastSeq = BigInt.asUintN(64, firstSeq - 1n);
    }
  }

  /**
   * Applies an event frame or a reset (other messages are ignored).
   * @param {ServerMessage} message
   * @throws {ReplicaError}
   */
  apply(message) {
    if (message.type === 'event-frame') this.applyFrame(message);
    else if (message.type === 'reset') this.applyReset(message);
  }

  /**
   * Advances every entity to the frame's tick by the motion rule (32-bit wrapping, any number of idle ticks), then
   * applies its events in order. Refuses (without any change) a seq gap, a tick going backwards, a frame while a
   * reset is required, and events naming entities the replica does not hold.
   * @param {Pick<EventFrameMessage, 'seq' | 'tick' | 'lastInput' | 'events'>} frame seq/tick may be numbers
   * @throws {ReplicaError}
   */
  applyFrame(frame) {
    const seq = BigInt(frame.seq);
    const tick = BigInt(frame.tick);
    this.checkOrder(seq, tick);
    if (this.awaitingReset) {
      throw new ReplicaError('reset-required', `frame ${seq} received while a reset is required`, { seq });
    }
    this.validateEvents(frame.events);
    const k = tick - this.tick;
    if (k > 0n) {
      const k32 = Number(BigInt.asIntN(32, k));
      for (const e of this.entities.values()) {
        e.x = (e.x + Math.imul(e.vx, k32)) | 0;
        e.y = (e.y + Math.imul(e.vy, k32)) | 0;
      }
    }
    for (const event of frame.events) {
      switch (event.type) {
        case 'appeared':
          this.entities.set(event.id, copyRecord(event));
          break;
        case 'changed': {
          const e = /** @type {EntityRecord} */ (this.entities.get(event.id));
          e.x = event.x;
          e.y = event.y;
          e.vx = event.vx;
          e.vy = event.vy;
          e.heading = event.heading;
          break;
        }
        case 'disappeared':
        case 'destroyed':
          this.entities.delete(event.id);
          break;
        case 'avatar':
          this.avatarId = event.id;
          break;
      }
    }
    this.tick = tick;
    this.lastSeq = seq;
    this.lastInputSeq = frame.lastInput;
  }

  /**
   * Replaces the whole replica (entities, avatar, tick, last seq, last input) with the reset's state.
   * @param {Pick<ResetMessage, 'seq' | 'tick' | 'lastInput' | 'avatarId' | 'entities'>} reset seq/tick may be numbers
   * @throws {ReplicaError}
   */
  applyReset(reset) {
    const seq = BigInt(reset.seq);
    const tick = BigInt(reset.tick);
    this.checkOrder(seq, tick);
    this.scratch.clear();
    for (const record of reset.entities) {
      if (this.scratch.has(record.id)) {
        throw new ReplicaError('duplicate-entity', `entity ${record.id} listed twice in a reset`, { id: record.id });
      }
      this.scratch.set(record.id, true);
    }
    this.entities.clear();
    for (const record of reset.entities) this.entities.set(record.id, copyRecord(record));
    this.tick = tick;
    this.lastSeq = seq;
    this.avatarId = reset.avatarId;
    this.lastInputSeq = reset.lastInput;
    this.awaitingReset = false;
  }

  /**
   * @param {bigint} seq
   * @param {bigint} tick
   */
  checkOrder(seq, tick) {
    if (this.session === null) throw new ReplicaError('no-session', 'frame received before welcome');
    const expected = this.expectedSeq;
    if (seq !== expected) {
      throw new ReplicaError('sequence-gap', `sequence gap: expected seq ${expected}, got ${seq}`,
        { expected, received: seq });
    }
    if (tick < this.tick) {
      throw new ReplicaError('tick-went-backwards', `frame tick ${tick} is before the replica tick ${this.tick}`,
        { replicaTick: this.tick, frameTick: tick });
    }
  }

  /**
   * Checks that every changed/disappeared/destroyed event names an entity present at that point of the frame.
   * @param {WireEvent[]} events
   */
  validateEvents(events) {
    const seen = this.scratch;
    seen.clear();
    for (const event of events) {
      if (event.type === 'appeared') {
        seen.set(event.id, true);
      } else if (event.type !== 'avatar') {
        const present = seen.get(event.id) ?? this.entities.has(event.id);
        if (!present) {
          throw new ReplicaError('unknown-entity', `event for unknown entity ${event.id}`, { id: event.id });
        }
        if (event.type !== 'changed') seen.set(event.id, false);
      }
    }
  }

  /**
   * Where entity `id` is at fractional tick `renderTick` (e.g. 1001.4), dead-reckoned from the exact state as
   * floats: position + velocity × (renderTick − tick). Null if the entity is not in view.
   * @param {number} id
   * @param {number} renderTick
   * @returns {{x: number, y: number} | null}
   */
  positionAt(id, renderTick) {
    const e = this.entities.get(id);
    if (e === undefined) return null;
    const elapsed = renderTick - Number(this.tick);
    return { x: e.x + e.vx * elapsed, y: e.y + e.vy * elapsed };
  }

  /**
   * Every entity in view, dead-reckoned to fractional tick `renderTick` (fresh objects; the replica is unchanged).
   * @param {number} renderTick
   * @returns {RenderEntity[]}
   */
  entitiesAt(renderTick) {
    const elapsed = renderTick - Number(this.tick);
    const out = [];
    for (const e of this.entities.values()) {
      out.push({
        id: e.id, kind: e.kind, x: e.x + e.vx * elapsed, y: e.y + e.vy * elapsed, vx: e.vx, vy: e.vy,
        heading: e.heading, radius: e.radius, owner: e.owner,
      });
    }
    return out;
  }
}

/**
 * @param {EntityRecord} r
 * @returns {EntityRecord}
 */
function copyRecord(r) {
  return { id: r.id, kind: r.kind, x: r.x, y: r.y, vx: r.vx, vy: r.vy, heading: r.heading, radius: r.radius, owner: r.owner };
}

/**
 * The motion rule for one record: its state `ticks` ticks later (wrapping like repeated 32-bit additions).
 * @param {EntityRecord} record
 * @param {bigint | number} ticks
 * @returns {EntityRecord}
 */
export function advanceRecord(record, ticks) {
  const k32 = Number(BigInt.asIntN(32, BigInt(ticks)));
  const next = copyRecord(record);
  next.x = (record.x + Math.imul(record.vx, k32)) | 0;
  next.y = (record.y + Math.imul(record.vy, k32)) | 0;
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// Render clock (README §6, "Rendering")
// ---------------------------------------------------------------------------------------------------------------

/**
 * A local estimate of the server tick for drawing: `anchorTick + (now − anchorTime) × tickRate`, re-anchored to a
 * frame's tick at its arrival whenever that tick is ahead of the estimate, and never moved backwards.
 * Times are milliseconds from a monotonic clock (e.g. `performance.now()`).
 */
export class TickClock {
  /**
   * @param {number} tickRate Hz
   * @param {{delayTicks?: number}} [options] `delayTicks`: draw this many ticks behind the estimate (default 0:
   *   exact dead reckoning; a small delay hides arrival jitter at the cost of drawing slightly in the past)
   */
  constructor(tickRate, options = {}) {
    this.tickRate = tickRate;
    this.delayTicks = options.delayTicks ?? 0;
    /** @type {number | null} */
    this.anchorTick = null;
    this.anchorTime = 0;
  }

  /**
   * Forgets the anchor (a new session), optionally with a new tick rate.
   * @param {number} [tickRate]
   */
  reset(tickRate = this.tickRate) {
    this.tickRate = tickRate;
    this.anchorTick = null;
  }

  /**
   * The estimated server tick at `now`, or null before any observation.
   * @param {number} now ms
   */
  estimate(now) {
    if (this.anchorTick === null) return null;
    return this.anchorTick + Math.max(0, now - this.anchorTime) * this.tickRate / 1000;
  }

  /**
   * Records that the server was at `tick` at time `now` (a frame's arrival); re-anchors if it is ahead.
   * @param {bigint | number} tick
   * @param {number} now ms
   */
  observe(tick, now) {
    const t = Number(tick);
    const estimate = this.estimate(now);
    if (estimate === null || t > estimate) {
      this.anchorTick = t;
      this.anchorTime = now;
    }
  }

  /**
   * The fractional tick to draw at: `estimate(now) − delayTicks`, capped at `replicaTick + keepAlive` (never
   * extrapolate further than the server may stay silent). Before any observation, `replicaTick`.
   * @param {number} now ms
   * @param {bigint | number} replicaTick
   * @param {number} keepAlive ticks
   */
  renderTick(now, replicaTick, keepAlive) {
    const base = Number(replicaTick);
    const estimate = this.estimate(now);
    if (estimate === null) return base;
    return Math.min(estimate - this.delayTicks, base + keepAlive);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Connection (README §2 and §5.2)
// ---------------------------------------------------------------------------------------------------------------

/** The server sent an error message (the close with the same code follows). */
export class OrreryServerError extends Error {
  /**
   * @param {number} code close code (`CLOSE_CODES`)
   * @param {string} text the server's message
   */
  constructor(code, text) {
    super(`server error ${code} (${CLOSE_CODES[/** @type {keyof typeof CLOSE_CODES} */ (code)] ?? 'unknown'}): ${text}`);
    this.name = 'OrreryServerError';
    this.code = code;
    this.text = text;
  }
}

/** A violation of the protocol by the server other than undecodable bytes (e.g. no subprotocol, a text message). */
export class OrreryProtocolError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'OrreryProtocolError';
  }
}

/**
 * @typedef {'idle' | 'connecting' | 'hello' | 'live' | 'reconnecting' | 'closed'} ClientState
 * `connecting`: WebSocket opening; `hello`: join/resume sent, waiting for welcome; `live`: frames flowing;
 * `reconnecting`: waiting out a backoff delay; `closed`: stopped for good (by `close()` or a final close code).
 */

/**
 * @typedef {object} CloseInfo
 * @property {number} code the WebSocket close code (1006 when the connection failed without a close frame)
 * @property {string} reason
 * @property {boolean} willReconnect whether the client will connect again by itself
 * @property {boolean} resume whether that reconnect resumes the session (false: a new join)
 * @property {number} delayMs the backoff delay before that reconnect (0 when not reconnecting)
 */

/**
 * @typedef {object} ClientOptions
 * @property {string | (() => string | Promise<string>)} [ticket] sent as `?ticket=`; a function is called before
 *   every (re)connect, so it can mint or refresh a ticket
 * @property {Role} [role] default `'player'`
 * @property {Region} [region] spectators only: the watched rectangle (default: whole world)
 * @property {string} [name] display name, 1-32 UTF-8 bytes
 * @property {any} [WebSocketImpl] WebSocket constructor (default `globalThis.WebSocket`)
 * @property {number} [initialBackoffMs] first reconnect delay, default 500
 * @property {number} [maxBackoffMs] cap of the doubling delay, default 15000
 * @property {number} [jitter] fraction of the delay removed at random (0...1), default 0.5: delay ∈ [(1−j)·d, d]
 * @property {number} [maxReconnectAttempts] consecutive failed attempts before giving up, default Infinity
 * @property {number} [pingIntervalMs] time-sync ping period while live, default 2000 (0 = no pings)
 * @property {number} [connectTimeoutMs] give up on an attempt with no welcome after this long, default 10000
 * @property {number} [delayTicks] render delay in ticks for `renderTick()`, default 0 (see `TickClock`)
 * @property {() => number} [now] monotonic clock in ms, default `performance.now()`
 * @property {() => number} [random] uniform [0, 1), default `Math.random` (backoff jitter)
 * @property {(fn: () => void, ms: number) => any} [setTimeout] default `globalThis.setTimeout`
 * @property {(handle: any) => void} [clearTimeout] default `globalThis.clearTimeout`
 * @property {(state: ClientState, previous: ClientState) => void} [onStateChange]
 * @property {(welcome: WelcomeMessage, info: {resumed: boolean}) => void} [onWelcome]
 * @property {(frame: EventFrameMessage) => void} [onFrame] after the frame was applied to `replica`
 * @property {(reset: ResetMessage) => void} [onReset] after the reset replaced `replica`
 * @property {(pong: {rttMs: number, smoothedRttMs: number, tick: bigint}) => void} [onPong]
 * @property {(error: Error) => void} [onError] OrreryServerError, OrreryDecodeError, ReplicaError, OrreryProtocolError
 * @property {(info: CloseInfo) => void} [onClose] every time a connection ends
 */

/** Period of the housekeeping timer (pings, liveness, connect timeout). */
const HOUSEKEEPING_MS = 250;

/**
 * One player's or spectator's connection to a universe: join, resume after drops, inputs, pings, and an exact
 * `replica` with a render clock. Create with `connect(url, options)` (or `new OrreryClient(url, options).connect()`).
 *
 * Callbacks can be given as options or assigned later (`client.onFrame = ...`).
 */
export class OrreryClient {
  /**
   * @param {string} url `ws://host:port/universes/{name}`
   * @param {ClientOptions} [options]
   */
  constructor(url, options = {}) {
    this.url = url;
    this.options = options;
    /** @type {Role} */
    this.role = options.role ?? 'player';
    this.WebSocketImpl = options.WebSocketImpl ?? globalThis.WebSocket;
    this.now = options.now ?? (() => performance.now());
    this.random = options.random ?? Math.random;
    this.setTimer = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle));
    /** The exact replica of the entities in view. */
    this.replica = new Replica();
    /** The render clock (server tick estimate). */
    this.clock = new TickClock(20, { delayTicks: options.delayTicks ?? 0 });
    /** @type {ClientState} */
    this.state = 'idle';
    /** The latest welcome. @type {WelcomeMessage | null} */
    this.welcome = null;
    /** Resume token of the session, null when the next connect must join anew. @type {Uint8Array | null} */
    this.resumeToken = null;
    /** Last input seq sent in this session. */
    this.inputSeq = 0;
    /** Latest and smoothed round-trip times in ms (null before the first pong). @type {number | null} */
    this.rttMs = null;
    /** @type {number | null} */
    this.smoothedRttMs = null;
    /** Consecutive connection attempts without a welcome (drives the backoff). */
    this.attempt = 0;
    /** @type {any} */
    this.ws = null;
    /** @type {'join' | 'resume'} */
    this.hello = 'join';
    this.attemptStartedAt = 0;
    this.lastMessageAt = 0;
    this.lastPingAt = 0;
    /** True after a replica error until a frame applies again (a second one in a row joins anew). */
    this.desynced = false;
    /** @type {any} */
    this.reconnectTimer = null;
    /** @type {any} */
    this.housekeepingTimer = null;

    this.onStateChange = options.onStateChange ?? null;
    this.onWelcome = options.onWelcome ?? null;
    this.onFrame = options.onFrame ?? null;
    this.onReset = options.onReset ?? null;
    this.onPong = options.onPong ?? null;
    this.onError = options.onError ?? null;
    this.onClose = options.onClose ?? null;
  }

  /** Starts connecting (once); returns `this`. */
  connect() {
    if (this.state === 'idle') this.open();
    return this;
  }

  /**
   * Stops for good: closes the socket (code 1000 unless given), cancels timers; no reconnect.
   * @param {number} [code]
   * @param {string} [reason]
   */
  close(code = 1000, reason = '') {
    if (this.state === 'closed') return;
    this.cancelTimers();
    this.dropSocket(code, reason);
    this.setState('closed');
  }

  /** True while frames flow (after a welcome, until the connection drops). */
  get live() {
    return this.state === 'live';
  }

  /**
   * Sends the player's controls with the next input seq. `heading` is wrapped into 0...65535, `throttle` clamped to
   * 0...255, `actions` masked to 8 bits (bit 0 = fire). Returns the seq used, or null when not live or a spectator.
   * The server allows 60 inputs and pings per second (burst 120): send on change or once per tick, not per frame.
   * @param {{heading: number, throttle: number, actions?: number}} input
   * @returns {number | null}
   */
  sendInput({ heading, throttle, actions = 0 }) {
    if (this.state !== 'live' || this.role !== 'player') return null;
    const seq = this.inputSeq + 1;
    this.send({
      type: 'input', seq,
      heading: ((Math.round(heading) % 65536) + 65536) % 65536,
      throttle: Math.min(255, Math.max(0, Math.round(throttle))),
      actions: actions & 0xff,
    });
    this.inputSeq = seq;
    return seq;
  }

  /** Sends a ping now (also done every `pingIntervalMs` while live). Returns false when not live. */
  ping() {
    if (this.state !== 'live') return false;
    const now = this.now();
    this.lastPingAt = now;
    this.send({ type: 'ping', timestamp: BigInt(Math.max(0, Math.floor(now * 1000))) });
    return true;
  }

  /**
   * The fractional tick to draw at now: the render clock's estimate minus the render delay, capped at
   * `replica.tick + keepAlive`.
   * @param {number} [now] ms, default `this.now()`
   */
  renderTick(now = this.now()) {
    return this.clock.renderTick(now, this.replica.tick, this.welcome?.keepAlive ?? 20);
  }

  /**
   * Every entity in view with its position dead-reckoned to `renderTick(now)`.
   * @param {number} [now] ms
   */
  entities(now = this.now()) {
    return this.replica.entitiesAt(this.renderTick(now));
  }

  /**
   * The backoff delay before reconnect attempt number `attempt` (0-based): `initial × 2^attempt`, capped, minus
   * up to `jitter` of itself at random.
   * @param {number} attempt
   */
  backoffDelay(attempt) {
    const initial = this.options.initialBackoffMs ?? 500;
    const max = this.options.maxBackoffMs ?? 15000;
    const jitter = this.options.jitter ?? 0.5;
    const base = Math.min(max, initial * 2 ** Math.min(attempt, 30));
    return base * (1 - jitter * this.random());
  }

  // -- internals ------------------------------------------------------------------------------------------------

  /** @param {ClientState} state */
  setState(state) {
    const previous = this.state;
    if (previous === state) return;
    this.state = state;
    this.onStateChange?.(state, previous);
  }

  /** @param {Error} error */
  report(error) {
    this.onError?.(error);
  }

  /** @param {ClientMessage} message */
  send(message) {
    this.ws?.send(encodeClientMessage(message));
  }

  open() {
    this.reconnectTimer = null;
    this.setState('connecting');
    this.attemptStartedAt = this.now();
    this.armHousekeeping();
    const ticket = this.options.ticket;
    const value = typeof ticket === 'function' ? ticket() : ticket;
    if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
      value.then((t) => this.openSocket(t), (error) => {
        this.report(error instanceof Error ? error : new Error(String(error)));
        this.connectionEnded(1006, 'ticket unavailable');
      });
    } else {
      this.openSocket(/** @type {string | undefined} */ (value));
    }
  }

  /** @param {string | undefined} ticket */
  openSocket(ticket) {
    if (this.state !== 'connecting') return;
    let url = this.url;
    if (ticket) {
      const parsed = new URL(url);
      parsed.searchParams.set('ticket', ticket);
      url = parsed.toString();
    }
    let ws;
    try {
      ws = new this.WebSocketImpl(url, SUBPROTOCOL);
    } catch (error) {
      this.report(error instanceof Error ? error : new Error(String(error)));
      this.connectionEnded(1006, 'WebSocket constructor failed');
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => { if (this.ws === ws) this.opened(); };
    ws.onmessage = (/** @type {{data: any}} */ event) => { if (this.ws === ws) this.received(event.data); };
    ws.onclose = (/** @type {{code?: number, reason?: string}} */ event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.connectionEnded(event.code ?? 1006, event.reason ?? '');
    };
    // An error ends the connection. Browsers follow it with a close event, but Node 20's WebSocket may not (a
    // refused connection stays CONNECTING), so the socket is detached and the end handled here.
    ws.onerror = () => {
      if (this.ws !== ws) return;
      this.dropSocket(1000, 'error');
      this.connectionEnded(1006, 'WebSocket error', true);
    };
  }

  opened() {
    if (this.ws.protocol !== SUBPROTOCOL) {
      this.fail(new OrreryProtocolError(`server selected subprotocol "${this.ws.protocol}", not ${SUBPROTOCOL}`));
      return;
    }
    this.setState('hello');
    this.lastMessageAt = this.now();
    if (this.resumeToken !== null && this.replica.session !== null) {
      this.hello = 'resume';
      this.send({ type: 'resume', version: PROTOCOL_VERSION, token: this.resumeToken, lastSeq: this.replica.lastSeq });
    } else {
      this.hello = 'join';
      /** @type {JoinMessage} */
      const join = { type: 'join', version: PROTOCOL_VERSION, role: this.role };
      if (this.options.region !== undefined) join.region = this.options.region;
      if (this.options.name !== undefined) join.name = this.options.name;
      this.send(join);
    }
  }

  /** @param {any} data */
  received(data) {
    const now = this.now();
    this.lastMessageAt = now;
    if (typeof data === 'string') {
      this.fail(new OrreryProtocolError('text message received; the protocol is binary only'));
      return;
    }
    /** @type {ServerMessage} */
    let message;
    try {
      message = decodeServerMessage(data);
    } catch (error) {
      if (!(error instanceof OrreryDecodeError)) throw error;
      this.fail(error);
      return;
    }
    switch (message.type) {
      case 'welcome':
        if (this.state !== 'hello') return this.fail(new OrreryProtocolError('unexpected welcome'));
        return this.welcomed(message, now);
      case 'event-frame':
      case 'reset':
        if (this.state !== 'live') return this.fail(new OrreryProtocolError(`unexpected ${message.type}`));
        return this.applyState(message, now);
      case 'error':
        return this.report(new OrreryServerError(message.code, message.message));
      case 'pong': {
        const rtt = Math.max(0, now - Number(message.timestamp) / 1000);
        this.rttMs = rtt;
        this.smoothedRttMs = this.smoothedRttMs === null ? rtt : this.smoothedRttMs + (rtt - this.smoothedRttMs) / 8;
        if (this.welcome !== null) {
          this.clock.observe(Number(message.tick) + (rtt / 2) * this.welcome.tickRate / 1000, now);
        }
        this.onPong?.({ rttMs: rtt, smoothedRttMs: this.smoothedRttMs, tick: message.tick });
      }
    }
  }

  /**
   * @param {WelcomeMessage} welcome
   * @param {number} now
   */
  welcomed(welcome, now) {
    const resumed = this.hello === 'resume';
    if (resumed) {
      this.replica.resume(welcome);
    } else {
      this.replica.begin(welcome);
      this.inputSeq = 0;
      this.clock.reset(welcome.tickRate);
    }
    this.clock.tickRate = welcome.tickRate;
    this.clock.observe(welcome.tick, now);
    this.welcome = welcome;
    this.resumeToken = welcome.token;
    this.attempt = 0;
    this.lastPingAt = now;
    this.setState('live');
    this.onWelcome?.(welcome, { resumed });
    if ((this.options.pingIntervalMs ?? 2000) > 0) this.ping();
  }

  /**
   * @param {EventFrameMessage | ResetMessage} message
   * @param {number} now
   */
  applyState(message, now) {
    try {
      if (message.type === 'event-frame') this.replica.applyFrame(message);
      else this.replica.applyReset(message);
    } catch (error) {
      if (!(error instanceof ReplicaError)) throw error;
      this.report(error);
      // Out of sync: drop this connection and resume (README §5.2). A second failure in a row joins anew.
      const resume = !this.desynced;
      this.desynced = true;
      if (!resume) this.resumeToken = null;
      this.dropSocket(4000, 'replica out of sync');
      this.connectionEnded(4000, 'replica out of sync', true);
      return;
    }
    this.desynced = false;
    this.clock.observe(message.tick, now);
    if (message.type === 'event-frame') this.onFrame?.(message);
    else this.onReset?.(message);
  }

  /**
   * Stops for good after a protocol violation by the server: close 4000, no reconnect (README §5.2, 4000).
   * @param {Error} error
   */
  fail(error) {
    this.report(error);
    this.cancelTimers();
    this.dropSocket(4000, 'bad message');
    this.setState('closed');
    this.onClose?.({ code: 4000, reason: error.message, willReconnect: false, resume: false, delayMs: 0 });
  }

  /**
   * Detaches and closes the current socket without waiting for its close event.
   * @param {number} code
   * @param {string} reason
   */
  dropSocket(code, reason) {
    const ws = this.ws;
    this.ws = null;
    if (ws === null) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(code, reason);
    } catch {
      // closing an already closed or never opened socket
    }
  }

  /**
   * A connection ended (closed by the server, failed, timed out, or dropped by us to resume); decides whether and
   * how to reconnect.
   * @param {number} code
   * @param {string} reason
   * @param {boolean} [selfInitiated] we closed it ourselves to reconnect (so final codes do not apply)
   */
  connectionEnded(code, reason, selfInitiated = false) {
    this.cancelTimers();
    if (this.state === 'closed') return;
    if (!selfInitiated && FINAL_CLOSE_CODES.includes(code)) {
      this.setState('closed');
      this.onClose?.({ code, reason, willReconnect: false, resume: false, delayMs: 0 });
      return;
    }
    if (code === 4003 || code === 4002) this.resumeToken = null; // join anew (with an empty replica on welcome)
    const attempts = this.options.maxReconnectAttempts ?? Infinity;
    if (this.attempt >= attempts) {
      this.setState('closed');
      this.onClose?.({ code, reason, willReconnect: false, resume: false, delayMs: 0 });
      return;
    }
    const delayMs = code === 4009 && this.attempt === 0 ? 0 : this.backoffDelay(this.attempt);
    this.attempt += 1;
    this.setState('reconnecting');
    this.onClose?.({ code, reason, willReconnect: true, resume: this.resumeToken !== null, delayMs });
    if (this.state === 'reconnecting') this.reconnectTimer = this.setTimer(() => this.open(), delayMs);
  }

  cancelTimers() {
    if (this.reconnectTimer !== null) this.clearTimer(this.reconnectTimer);
    if (this.housekeepingTimer !== null) this.clearTimer(this.housekeepingTimer);
    this.reconnectTimer = null;
    this.housekeepingTimer = null;
  }

  armHousekeeping() {
    if (this.housekeepingTimer !== null) this.clearTimer(this.housekeepingTimer);
    this.housekeepingTimer = this.setTimer(() => {
      this.housekeepingTimer = null;
      this.housekeeping();
    }, HOUSEKEEPING_MS);
  }

  /** Connect timeout, liveness (3 × keepAlive ticks, at least 2 s, without a message) and periodic pings. */
  housekeeping() {
    const now = this.now();
    if (this.state === 'connecting' || this.state === 'hello') {
      if (now - this.attemptStartedAt > (this.options.connectTimeoutMs ?? 10000)) {
        this.dropSocket(1000, 'connect timeout');
        this.connectionEnded(1006, 'connect timeout', true);
        return;
      }
    } else if (this.state === 'live' && this.welcome !== null) {
      const deadAfterMs = Math.max(2000, (3 * this.welcome.keepAlive * 1000) / this.welcome.tickRate);
      if (now - this.lastMessageAt > deadAfterMs) {
        this.dropSocket(1000, 'no message within 3 keep-alive periods');
        this.connectionEnded(1006, 'connection silent', true);
        return;
      }
      const interval = this.options.pingIntervalMs ?? 2000;
      if (interval > 0 && now - this.lastPingAt >= interval) this.ping();
    } else {
      return;
    }
    this.armHousekeeping();
  }
}

/**
 * Creates a client and starts connecting. See `ClientOptions` for options and callbacks.
 * @param {string} url `ws://host:port/universes/{name}`
 * @param {ClientOptions} [options]
 */
export function connect(url, options) {
  return new OrreryClient(url, options).connect();
}
