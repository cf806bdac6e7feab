// @ts-check
/**
 * Orrery wire protocol, versions 1 and 2: codec, exact client replica, render clock and WebSocket client.
 *
 * One ES module without dependencies, for browsers and Node ≥ 20 (`node --experimental-websocket` provides the
 * global `WebSocket`). The protocol is specified in `Protocol/README.md`; this module mirrors the Swift codec
 * (`Sources/OrreryWire`) and replica (`Sources/OrreryClient`).
 *
 * Conventions: 64-bit fields (seq, tick, ping/pong timestamps, int property values) are `bigint`; every other
 * integer is a `number`; byte strings (tokens, payloads, bytes properties) are `Uint8Array`.
 * Message objects carry a `type` equal to their name in `messages.tsv` (`'join'`, `'event-frame'`, ...), events
 * likewise (`'appeared'`, `'changed'`, ...). Positions are integer subunits (256 per metre).
 * @module orrery
 */

// ---------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------

/** The protocol version this module speaks by default (it also speaks every version in `PROTOCOL_VERSIONS`). */
export const PROTOCOL_VERSION = 2;
/** The protocol versions this module speaks. */
export const PROTOCOL_VERSIONS = Object.freeze([1, 2]);
/** The WebSocket subprotocol offered in `Sec-WebSocket-Protocol`. */
export const SUBPROTOCOL = 'orrery.v1';
/** Largest client→server message in bytes (the server's default limit; version 1 messages fit in 64). */
export const MAX_CLIENT_MESSAGE_BYTES = 256;
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
  command: 0x05,
  welcome: 0x81,
  'event-frame': 0x82,
  reset: 0x83,
  error: 0x84,
  pong: 0x85,
  schema: 0x86,
});

/** Message types that only exist from version 2 on. */
const V2_MESSAGE_TYPES = Object.freeze([0x05, 0x86]);

/** Event tag byte by event name (`messages.tsv`, event rows). */
export const EVENT_TAGS = Object.freeze({
  appeared: 0x01, changed: 0x02, disappeared: 0x03, destroyed: 0x04, avatar: 0x05,
  properties: 0x06, 'player-state': 0x07, 'universe-state': 0x08, message: 0x09,
});

/** The highest event tag of each version. */
const LAST_EVENT_TAG = Object.freeze({ 1: 0x05, 2: 0x09 });

/** Role names by wire value (0 = player, 1 = spectator). */
export const ROLES = Object.freeze(/** @type {const} */ (['player', 'spectator']));

/** Destroy reason names by wire value (canonical text form). */
export const DESTROY_REASONS = Object.freeze(/** @type {const} */ (['expired', 'collision', 'shot', 'owner-left']));

/** Kind shapes by wire value (schema, version 2): how a generic client draws the kind. */
export const SHAPES = Object.freeze(/** @type {const} */ (['circle', 'triangle', 'square', 'diamond', 'ring']));

/** Property types by wire value (schema, version 2). */
export const PROPERTY_TYPES = Object.freeze(/** @type {const} */ (['int', 'string', 'bytes']));

/** Message and command formats by wire value (schema, version 2). */
export const PAYLOAD_FORMATS = Object.freeze(/** @type {const} */ (['text', 'bytes']));

/** Message scopes by wire value (message event, version 2). */
export const MESSAGE_SCOPES = Object.freeze(/** @type {const} */ (['player', 'entity', 'universe']));

/** The limits a schema obeys (Protocol/README.md, "schema"). */
export const SCHEMA_LIMITS = Object.freeze({
  nameBytes: 32, glyphBytes: 4, kinds: 64, properties: 32, messages: 64, commands: 64, maxLength: 255,
  inputPayloadMaxBytes: 64, commandMaxBytes: 200, messagePayloadBytes: 1024,
});

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
const MIN_RECORD_BYTES = { 1: 10, 2: 11 };
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

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
 * @property {PropertyEntry[]} [properties] version 2: the non-default properties, ascending index
 */
/** @typedef {{x: number, y: number, width: number, height: number}} Region spectator view rectangle, subunits */
/** @typedef {bigint | string | Uint8Array} PropertyValue int (z64) → bigint, string → string, bytes → Uint8Array */
/** @typedef {{index: number, value: PropertyValue}} PropertyEntry one property of a scope, by its schema index */
/**
 * @typedef {object} KindStyle how a generic client draws an entity kind
 * @property {number} code the entity kind (u8), unique in the schema
 * @property {string} name 1-32 bytes
 * @property {typeof SHAPES[number]} shape
 * @property {number} color 0xRRGGBB
 * @property {string} glyph 0-4 bytes: one character for terminals ('' = the client's default)
 * @property {number} label 1 + index of the entity property drawn as the label, 0 = none
 */
/**
 * @typedef {object} PropertySpec
 * @property {string} name 1-32 bytes, unique in its scope
 * @property {typeof PROPERTY_TYPES[number]} type
 * @property {number} maxLength strings and bytes: 1 ... 255 bytes; int: 0
 */
/** @typedef {{name: string, format: typeof PAYLOAD_FORMATS[number]}} PayloadSpec a message or command kind */
/**
 * @typedef {object} SchemaMessage a game's schema (version 2): sent after every welcome
 * @property {'schema'} type
 * @property {string} game
 * @property {KindStyle[]} kinds
 * @property {PropertySpec[]} entityProperties
 * @property {PropertySpec[]} playerProperties private player state
 * @property {PropertySpec[]} universeProperties
 * @property {PayloadSpec[]} messages server→client messages, by code
 * @property {PayloadSpec[]} commands client→server commands, by code
 * @property {number} inputPayloadMaxBytes
 * @property {number} commandMaxBytes
 */
/**
 * @typedef {{version?: number, schema?: SchemaMessage | null}} CodecOptions the session a message belongs to:
 *   its protocol version (default 1) and, for version 2 frames and resets, the session's schema
 */
/** @typedef {'player' | 'spectator'} Role */

/** @typedef {{type: 'join', version: number, role: Role, region?: Region, name?: string}} JoinMessage */
/** @typedef {{type: 'resume', version: number, token: Uint8Array, lastSeq: bigint}} ResumeMessage */
/**
 * @typedef {{type: 'input', seq: number, heading: number, throttle: number, actions: number,
 *   payload?: Uint8Array}} InputMessage `payload`: version 2 only (game-defined, may be empty)
 */
/** @typedef {{type: 'ping', timestamp: bigint}} PingMessage */
/** @typedef {{type: 'command', code: number, payload: Uint8Array}} CommandMessage version 2: a game command */
/** @typedef {JoinMessage | ResumeMessage | InputMessage | PingMessage | CommandMessage} ClientMessage */

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
 * @property {number} [account] version 2: the authenticated player id of the ticket (0 in open mode, spectators)
 */
/** @typedef {{type: 'appeared'} & EntityRecord} AppearedEvent */
/** @typedef {{type: 'changed', id: number, x: number, y: number, vx: number, vy: number, heading: number}} ChangedEvent */
/** @typedef {{type: 'disappeared', id: number}} DisappearedEvent */
/** @typedef {{type: 'destroyed', id: number, reason: number}} DestroyedEvent reason indexes DESTROY_REASONS */
/** @typedef {{type: 'avatar', id: number}} AvatarEvent */
/** @typedef {{type: 'properties', id: number, properties: PropertyEntry[]}} PropertiesEvent version 2 */
/** @typedef {{type: 'player-state', properties: PropertyEntry[]}} PlayerStateEvent version 2 */
/** @typedef {{type: 'universe-state', properties: PropertyEntry[]}} UniverseStateEvent version 2 */
/**
 * @typedef {object} MessageEvent version 2: a game message
 * @property {'message'} type
 * @property {typeof MESSAGE_SCOPES[number]} scope to this player, to the observers of `entity`, to the universe
 * @property {number} [entity] scope `entity` only
 * @property {number} code index into the schema's messages
 * @property {Uint8Array} payload
 */
/**
 * @typedef {AppearedEvent | ChangedEvent | DisappearedEvent | DestroyedEvent | AvatarEvent | PropertiesEvent |
 *   PlayerStateEvent | UniverseStateEvent | MessageEvent} WireEvent
 */
/** @typedef {{type: 'event-frame', seq: bigint, tick: bigint, lastInput: number, events: WireEvent[]}} EventFrameMessage */
/**
 * @typedef {{type: 'reset', seq: bigint, tick: bigint, lastInput: number, avatarId: number,
 *   entities: EntityRecord[], playerState?: PropertyEntry[], universeState?: PropertyEntry[]}} ResetMessage
 *   `playerState`, `universeState`: version 2 (every non-default value)
 */
/** @typedef {{type: 'error', code: number, message: string}} ErrorMessage */
/** @typedef {{type: 'pong', timestamp: bigint, tick: bigint}} PongMessage */
/**
 * @typedef {WelcomeMessage | EventFrameMessage | ResetMessage | ErrorMessage | PongMessage | SchemaMessage}
 *   ServerMessage
 */

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

  /** Zigzag-mapped Int64 (a property int), as a bigint. */
  z64() {
    const raw = this.v64();
    return BigInt.asIntN(64, (raw >> 1n) ^ -(raw & 1n));
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

  /**
   * A v32 byte length of at most `max`, then that many opaque bytes (a copy).
   * @param {number} max
   * @param {string} field
   */
  bin(max, field) {
    const start = this.i;
    const count = this.v32();
    if (count > max) throw new OrreryDecodeError('value-out-of-range', start, field);
    this.need(count);
    const bytes = this.b.slice(this.i, this.i + count);
    this.i += count;
    return bytes;
  }

  /**
   * A u8 that must be at most `max`.
   * @param {number} max
   * @param {string} field
   */
  small(max, field) {
    const start = this.i;
    const value = this.u8();
    if (value > max) throw new OrreryDecodeError('value-out-of-range', start, field);
    return value;
  }

  /**
   * A property value of the declared type.
   * @param {PropertySpec} spec
   * @param {string} field
   * @returns {PropertyValue}
   */
  value(spec, field) {
    if (spec.type === 'int') return this.z64();
    if (spec.type === 'string') return this.string(true, spec.maxLength, field);
    return this.bin(spec.maxLength, field);
  }

  /**
   * `n u8` then n × (`index u8`, value), indexes strictly ascending and below `specs.length`. `least` is the
   * smallest n allowed; `nonDefault` rejects default values (records and reset state list only non-default ones).
   * @param {PropertySpec[]} specs
   * @param {number} least
   * @param {boolean} nonDefault
   * @param {string} field
   * @returns {PropertyEntry[]}
   */
  entries(specs, least, nonDefault, field) {
    const countOffset = this.i;
    const count = this.u8();
    if (count < least || count > specs.length) throw new OrreryDecodeError('value-out-of-range', countOffset, field);
    const entries = new Array(count);
    let previous = -1;
    for (let n = 0; n < count; n++) {
      const indexOffset = this.i;
      const index = this.u8();
      if (index >= specs.length || index <= previous) {
        throw new OrreryDecodeError('value-out-of-range', indexOffset, `${field}.index`);
      }
      previous = index;
      const valueOffset = this.i;
      const value = this.value(specs[index], field);
      if (nonDefault && isDefaultValue(value)) {
        throw new OrreryDecodeError('value-out-of-range', valueOffset, `${field}: default value listed`);
      }
      entries[n] = { index, value };
    }
    return entries;
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

  /**
   * An entity record; version 2 records carry the non-default properties.
   * @param {SchemaMessage | null} schema non-null for version 2
   * @returns {EntityRecord}
   */
  record(schema) {
    const id = this.entityId();
    const kind = this.u8();
    const x = this.s32();
    const y = this.s32();
    const vx = this.s32();
    const vy = this.s32();
    const heading = this.u16();
    const radius = this.ranged(0, I32_MAX, 'entity.radius');
    const owner = this.v32();
    /** @type {EntityRecord} */
    const record = { id, kind, x, y, vx, vy, heading, radius, owner };
    if (schema !== null) record.properties = this.entries(schema.entityProperties, 0, true, 'entity.properties');
    return record;
  }
}

/**
 * True for a property's default: int 0, the empty string, no bytes.
 * @param {PropertyValue} value
 */
function isDefaultValue(value) {
  if (typeof value === 'bigint') return value === 0n;
  return value.length === 0;
}

/**
 * The protocol version of a codec call (1 when not given); throws for a version this module does not speak.
 * @param {CodecOptions} options
 */
function versionOf(options) {
  const version = options.version ?? 1;
  if (!PROTOCOL_VERSIONS.includes(version)) throw new RangeError(`protocol version ${version} is not supported`);
  return version;
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
 * Decodes one client→server message (what a server reads) of a session of `options.version` (default 1). The
 * bytes must be exactly one message. Join and resume have the same layout in every version. A command's code,
 * its payload length and an input payload's length are checked by the server against its schema, not here.
 * @param {ArrayBuffer | ArrayBufferView} data
 * @param {CodecOptions} [options]
 * @returns {ClientMessage}
 * @throws {OrreryDecodeError}
 */
export function decodeClientMessage(data, options = {}) {
  const version = versionOf(options);
  const r = new Reader(asBytes(data));
  const type = r.u8();
  if (version === 1 && V2_MESSAGE_TYPES.includes(type)) {
    throw new OrreryDecodeError('unknown-message-type', 0, `type ${type} in version 1`);
  }
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
      const actions = r.u8();
      message = { type: 'input', seq, heading, throttle, actions };
      if (version === 2) message.payload = r.bin(U32_MAX, 'input.payload');
      break;
    }
    case MESSAGE_TYPES.ping:
      message = { type: 'ping', timestamp: r.u64() };
      break;
    case MESSAGE_TYPES.command: {
      const code = r.u8();
      message = { type: 'command', code, payload: r.bin(U32_MAX, 'command.payload') };
      break;
    }
    default:
      throw new OrreryDecodeError('unknown-message-type', 0, `type ${type}`);
  }
  r.end();
  return message;
}

/**
 * @param {Reader} r
 * @param {number} version
 * @returns {WelcomeMessage}
 */
function readWelcome(r, version) {
  const welcomeVersion = r.u8();
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
  const firstSeq = r.v64();
  /** @type {WelcomeMessage} */
  const welcome = {
    type: 'welcome', version: welcomeVersion, playerId, avatarId, tickRate, tick, worldWidth, worldHeight,
    viewRadius, hysteresis, keepAlive, token, firstSeq,
  };
  if (version === 2) welcome.account = r.v32();
  return welcome;
}

/**
 * @param {Reader} r
 * @param {SchemaMessage | null} schema non-null for version 2
 * @returns {WireEvent}
 */
function readEvent(r, schema) {
  const tagOffset = r.i;
  const tag = r.u8();
  if (schema === null && tag > LAST_EVENT_TAG[1]) {
    throw new OrreryDecodeError('unknown-event-tag', tagOffset, `tag ${tag} in version 1`);
  }
  switch (tag) {
    case EVENT_TAGS.appeared:
      return { type: 'appeared', ...r.record(schema) };
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
    case EVENT_TAGS.properties: {
      const id = r.entityId();
      const specs = /** @type {SchemaMessage} */ (schema).entityProperties;
      return { type: 'properties', id, properties: r.entries(specs, 1, false, 'properties') };
    }
    case EVENT_TAGS['player-state']: {
      const specs = /** @type {SchemaMessage} */ (schema).playerProperties;
      return { type: 'player-state', properties: r.entries(specs, 1, false, 'player-state') };
    }
    case EVENT_TAGS['universe-state']: {
      const specs = /** @type {SchemaMessage} */ (schema).universeProperties;
      return { type: 'universe-state', properties: r.entries(specs, 1, false, 'universe-state') };
    }
    case EVENT_TAGS.message:
      return readMessageEvent(r, /** @type {SchemaMessage} */ (schema));
    default:
      throw new OrreryDecodeError('unknown-event-tag', tagOffset, `tag ${tag}`);
  }
}

/**
 * @param {Reader} r
 * @param {SchemaMessage} schema
 * @returns {MessageEvent}
 */
function readMessageEvent(r, schema) {
  const scopeByte = r.small(MESSAGE_SCOPES.length - 1, 'message.scope');
  /** @type {MessageEvent} */
  const message = { type: 'message', scope: MESSAGE_SCOPES[scopeByte], code: 0, payload: new Uint8Array(0) };
  if (scopeByte === 1) message.entity = r.entityId();
  const codeOffset = r.i;
  message.code = r.u8();
  const spec = schema.messages[message.code];
  if (spec === undefined) throw new OrreryDecodeError('value-out-of-range', codeOffset, 'message.code');
  message.payload = r.bin(SCHEMA_LIMITS.messagePayloadBytes, 'message.payload');
  if (spec.format === 'text') {
    try {
      utf8Decoder.decode(message.payload);
    } catch {
      throw new OrreryDecodeError('invalid-utf8', r.i - message.payload.length, 'message.payload');
    }
  }
  return message;
}

/**
 * @param {Reader} r
 * @param {SchemaMessage | null} schema non-null for version 2
 * @returns {EventFrameMessage}
 */
function readEventFrame(r, schema) {
  const seq = r.v64();
  const tick = r.v64();
  const lastInput = r.v32();
  const countOffset = r.i;
  const count = r.u16();
  if (count > Math.floor(r.remaining / MIN_EVENT_BYTES)) {
    throw new OrreryDecodeError('count-exceeds-data', countOffset, `count ${count}`);
  }
  const events = new Array(count);
  for (let n = 0; n < count; n++) events[n] = readEvent(r, schema);
  return { type: 'event-frame', seq, tick, lastInput, events };
}

/**
 * @param {Reader} r
 * @param {SchemaMessage | null} schema non-null for version 2
 * @returns {ResetMessage}
 */
function readReset(r, schema) {
  const seq = r.v64();
  const tick = r.v64();
  const lastInput = r.v32();
  const avatarId = r.v32();
  const countOffset = r.i;
  const count = r.u32();
  if (count > MAX_RESET_ENTITIES) throw new OrreryDecodeError('value-out-of-range', countOffset, 'reset.count');
  if (count > Math.floor(r.remaining / MIN_RECORD_BYTES[schema === null ? 1 : 2])) {
    throw new OrreryDecodeError('count-exceeds-data', countOffset, `count ${count}`);
  }
  const entities = new Array(count);
  for (let n = 0; n < count; n++) entities[n] = r.record(schema);
  /** @type {ResetMessage} */
  const reset = { type: 'reset', seq, tick, lastInput, avatarId, entities };
  if (schema !== null) {
    reset.playerState = r.entries(schema.playerProperties, 0, true, 'reset.playerState');
    reset.universeState = r.entries(schema.universeProperties, 0, true, 'reset.universeState');
  }
  return reset;
}

/**
 * A name of 1-32 bytes that must not repeat within its list.
 * @param {Reader} r
 * @param {Set<string>} seen
 * @param {string} field
 */
function readName(r, seen, field) {
  const start = r.i;
  const name = r.string(false, SCHEMA_LIMITS.nameBytes, field);
  if (seen.has(name)) throw new OrreryDecodeError('value-out-of-range', start, `${field}: duplicate name`);
  seen.add(name);
  return name;
}

/**
 * @param {Reader} r
 * @param {string} field
 * @returns {PropertySpec[]}
 */
function readPropertySpecs(r, field) {
  const count = r.small(SCHEMA_LIMITS.properties, `${field}.count`);
  const names = new Set();
  const specs = new Array(count);
  for (let n = 0; n < count; n++) {
    const name = readName(r, names, `${field}.name`);
    const type = PROPERTY_TYPES[r.small(PROPERTY_TYPES.length - 1, `${field}.type`)];
    const lengthOffset = r.i;
    const maxLength = r.v32();
    if (type === 'int' ? maxLength !== 0 : maxLength < 1 || maxLength > SCHEMA_LIMITS.maxLength) {
      throw new OrreryDecodeError('value-out-of-range', lengthOffset, `${field}.maxLength`);
    }
    specs[n] = { name, type, maxLength };
  }
  return specs;
}

/**
 * @param {Reader} r
 * @param {number} max
 * @param {string} field
 * @returns {PayloadSpec[]}
 */
function readPayloadSpecs(r, max, field) {
  const count = r.small(max, `${field}.count`);
  const names = new Set();
  const specs = new Array(count);
  for (let n = 0; n < count; n++) {
    const name = readName(r, names, `${field}.name`);
    specs[n] = { name, format: PAYLOAD_FORMATS[r.small(PAYLOAD_FORMATS.length - 1, `${field}.format`)] };
  }
  return specs;
}

/**
 * @param {Reader} r
 * @returns {SchemaMessage}
 */
function readSchema(r) {
  const game = r.string(false, SCHEMA_LIMITS.nameBytes, 'schema.game');
  const kindCount = r.small(SCHEMA_LIMITS.kinds, 'schema.kinds');
  const codes = new Set();
  const names = new Set();
  const labelOffsets = [];
  const kinds = new Array(kindCount);
  for (let n = 0; n < kindCount; n++) {
    const codeOffset = r.i;
    const code = r.u8();
    if (codes.has(code)) throw new OrreryDecodeError('value-out-of-range', codeOffset, 'kind.code: duplicate');
    codes.add(code);
    const name = readName(r, names, 'kind.name');
    const shape = SHAPES[r.small(SHAPES.length - 1, 'kind.shape')];
    const colorOffset = r.i;
    const color = r.u32();
    if (color > 0xffffff) throw new OrreryDecodeError('value-out-of-range', colorOffset, 'kind.color');
    const glyph = r.string(true, SCHEMA_LIMITS.glyphBytes, 'kind.glyph');
    labelOffsets.push(r.i);
    kinds[n] = { code, name, shape, color, glyph, label: r.u8() };
  }
  const entityProperties = readPropertySpecs(r, 'entityProperties');
  for (let n = 0; n < kindCount; n++) {
    if (kinds[n].label > entityProperties.length) {
      throw new OrreryDecodeError('value-out-of-range', labelOffsets[n], 'kind.label');
    }
  }
  const playerProperties = readPropertySpecs(r, 'playerProperties');
  const universeProperties = readPropertySpecs(r, 'universeProperties');
  const messages = readPayloadSpecs(r, SCHEMA_LIMITS.messages, 'messages');
  const commands = readPayloadSpecs(r, SCHEMA_LIMITS.commands, 'commands');
  const inputPayloadMaxBytes = r.small(SCHEMA_LIMITS.inputPayloadMaxBytes, 'schema.inputPayloadMaxBytes');
  const commandMaxBytes = r.small(SCHEMA_LIMITS.commandMaxBytes, 'schema.commandMaxBytes');
  return {
    type: 'schema', game, kinds, entityProperties, playerProperties, universeProperties, messages, commands,
    inputPayloadMaxBytes, commandMaxBytes,
  };
}

/** The schema of a game that declares nothing (what a version 2 decoder uses before a schema arrived). */
export const EMPTY_SCHEMA = Object.freeze(/** @type {SchemaMessage} */ ({
  type: 'schema', game: 'game', kinds: [], entityProperties: [], playerProperties: [], universeProperties: [],
  messages: [], commands: [], inputPayloadMaxBytes: 0, commandMaxBytes: 128,
}));

/**
 * Decodes one server→client message (what a client reads) of a session of `options.version` (default 1). The bytes
 * must be exactly one message. Version 2 frames and resets need the session's schema (`options.schema`, default
 * `EMPTY_SCHEMA`) to decode property values and check indexes, lengths and message codes.
 * @param {ArrayBuffer | ArrayBufferView} data
 * @param {CodecOptions} [options]
 * @returns {ServerMessage}
 * @throws {OrreryDecodeError}
 */
export function decodeServerMessage(data, options = {}) {
  const version = versionOf(options);
  const schema = version === 1 ? null : options.schema ?? EMPTY_SCHEMA;
  const r = new Reader(asBytes(data));
  const type = r.u8();
  if (version === 1 && V2_MESSAGE_TYPES.includes(type)) {
    throw new OrreryDecodeError('unknown-message-type', 0, `type ${type} in version 1`);
  }
  /** @type {ServerMessage} */
  let message;
  switch (type) {
    case MESSAGE_TYPES.welcome:
      message = readWelcome(r, version);
      break;
    case MESSAGE_TYPES['event-frame']:
      message = readEventFrame(r, schema);
      break;
    case MESSAGE_TYPES.reset:
      message = readReset(r, schema);
      break;
    case MESSAGE_TYPES.schema:
      message = readSchema(r);
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

  /** @param {bigint} value Int64 */
  z64(value) {
    this.v64(BigInt.asUintN(64, (value << 1n) ^ (value >> 63n)));
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
   * @param {unknown} bytes
   * @param {number} max
   * @param {string} field
   */
  bin(bytes, max, field) {
    if (!(bytes instanceof Uint8Array) || bytes.length > max) throw new OrreryEncodeError(field);
    this.v32(bytes.length);
    this.bytes(bytes);
  }

  /**
   * @param {PropertySpec} spec
   * @param {unknown} value bigint or safe integer for ints
   * @param {string} field
   */
  value(spec, value, field) {
    if (spec.type === 'int') {
      const big = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
      if (typeof big !== 'bigint' || big < I64_MIN || big > I64_MAX) throw new OrreryEncodeError(field);
      this.z64(big);
    } else if (spec.type === 'string') {
      this.string(value, true, spec.maxLength, field);
    } else {
      this.bin(value, spec.maxLength, field);
    }
  }

  /**
   * `n u8` then the entries (ascending index, each below `specs.length`).
   * @param {PropertySpec[]} specs
   * @param {PropertyEntry[] | undefined} entries
   * @param {number} least
   * @param {boolean} nonDefault
   * @param {string} field
   */
  entries(specs, entries = [], least, nonDefault, field) {
    if (entries.length < least || entries.length > specs.length) throw new OrreryEncodeError(field);
    this.u8(entries.length);
    let previous = -1;
    for (const { index, value } of entries) {
      if (!Number.isInteger(index) || index <= previous || index >= specs.length) {
        throw new OrreryEncodeError(`${field}.index`);
      }
      previous = index;
      this.u8(index);
      this.value(specs[index], value, field);
      if (nonDefault && isDefaultValue(/** @type {PropertyValue} */ (value))) throw new OrreryEncodeError(field);
    }
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

  /**
   * @param {EntityRecord} record
   * @param {SchemaMessage | null} schema non-null for version 2
   */
  record(record, schema) {
    this.v32(int(record.id, 1, U32_MAX, 'entity.id'));
    this.u8(int(record.kind, 0, 0xff, 'entity.kind'));
    this.motion(record, 'entity');
    this.u16(int(record.heading, 0, 0xffff, 'entity.heading'));
    this.v32(int(record.radius, 0, I32_MAX, 'entity.radius'));
    this.v32(int(record.owner, 0, U32_MAX, 'entity.owner'));
    if (schema !== null) this.entries(schema.entityProperties, record.properties, 0, true, 'entity.properties');
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
 * Encodes one client→server message of a session of `options.version` (default 1). Values are checked as strictly
 * as the Swift encoder does; payload limits of the game's schema are the caller's (see `OrreryClient`).
 * @param {ClientMessage} message
 * @param {CodecOptions} [options]
 * @returns {Uint8Array}
 * @throws {OrreryEncodeError}
 */
export function encodeClientMessage(message, options = {}) {
  const version = versionOf(options);
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
      if (version === 2) w.bin(message.payload ?? new Uint8Array(0), U32_MAX, 'input.payload');
      else if ((message.payload?.length ?? 0) > 0) throw new OrreryEncodeError('input.payload');
      break;
    case 'ping':
      w.u8(MESSAGE_TYPES.ping);
      w.u64(u64(message.timestamp, 'ping.timestamp'));
      break;
    case 'command':
      if (version === 1) throw new OrreryEncodeError('type');
      w.u8(MESSAGE_TYPES.command);
      w.u8(int(message.code, 0, 0xff, 'command.code'));
      w.bin(message.payload, U32_MAX, 'command.payload');
      break;
    default:
      throw new OrreryEncodeError('type');
  }
  return w.result();
}

/**
 * @param {Writer} w
 * @param {WireEvent} event
 * @param {SchemaMessage | null} schema non-null for version 2
 */
function writeEvent(w, event, schema) {
  if (schema === null && EVENT_TAGS[event.type] > LAST_EVENT_TAG[1]) throw new OrreryEncodeError('event.type');
  switch (event.type) {
    case 'appeared':
      w.u8(EVENT_TAGS.appeared);
      w.record(event, schema);
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
    case 'properties':
      w.u8(EVENT_TAGS.properties);
      w.v32(int(event.id, 1, U32_MAX, 'properties.id'));
      w.entries(/** @type {SchemaMessage} */ (schema).entityProperties, event.properties, 1, false, 'properties');
      break;
    case 'player-state':
      w.u8(EVENT_TAGS['player-state']);
      w.entries(/** @type {SchemaMessage} */ (schema).playerProperties, event.properties, 1, false, 'player-state');
      break;
    case 'universe-state':
      w.u8(EVENT_TAGS['universe-state']);
      w.entries(/** @type {SchemaMessage} */ (schema).universeProperties, event.properties, 1, false,
        'universe-state');
      break;
    case 'message': {
      const scope = MESSAGE_SCOPES.indexOf(event.scope);
      if (scope < 0) throw new OrreryEncodeError('message.scope');
      w.u8(EVENT_TAGS.message);
      w.u8(scope);
      if (scope === 1) w.v32(int(event.entity, 1, U32_MAX, 'message.entity'));
      const spec = /** @type {SchemaMessage} */ (schema).messages[event.code];
      if (spec === undefined) throw new OrreryEncodeError('message.code');
      w.u8(event.code);
      if (spec.format === 'text' && !isUtf8(event.payload)) throw new OrreryEncodeError('message.payload');
      w.bin(event.payload, SCHEMA_LIMITS.messagePayloadBytes, 'message.payload');
      break;
    }
    default:
      throw new OrreryEncodeError('event.type');
  }
}

/**
 * @param {Uint8Array} bytes
 */
function isUtf8(bytes) {
  try {
    utf8Decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when no element repeats.
 * @param {unknown[]} items
 */
function unique(items) {
  return new Set(items).size === items.length;
}

/**
 * @param {Writer} w
 * @param {PropertySpec[]} specs
 * @param {string} field
 */
function writePropertySpecs(w, specs, field) {
  if (specs.length > SCHEMA_LIMITS.properties || !unique(specs.map((spec) => spec.name))) {
    throw new OrreryEncodeError(field);
  }
  w.u8(specs.length);
  for (const spec of specs) {
    w.string(spec.name, false, SCHEMA_LIMITS.nameBytes, `${field}.name`);
    const type = PROPERTY_TYPES.indexOf(spec.type);
    if (type < 0) throw new OrreryEncodeError(`${field}.type`);
    w.u8(type);
    w.v32(type === 0 ? int(spec.maxLength ?? 0, 0, 0, `${field}.maxLength`)
      : int(spec.maxLength, 1, SCHEMA_LIMITS.maxLength, `${field}.maxLength`));
  }
}

/**
 * @param {Writer} w
 * @param {PayloadSpec[]} specs
 * @param {number} max
 * @param {string} field
 */
function writePayloadSpecs(w, specs, max, field) {
  if (specs.length > max || !unique(specs.map((spec) => spec.name))) throw new OrreryEncodeError(field);
  w.u8(specs.length);
  for (const spec of specs) {
    w.string(spec.name, false, SCHEMA_LIMITS.nameBytes, `${field}.name`);
    const format = PAYLOAD_FORMATS.indexOf(spec.format);
    if (format < 0) throw new OrreryEncodeError(`${field}.format`);
    w.u8(format);
  }
}

/**
 * @param {Writer} w
 * @param {SchemaMessage} schema
 */
function writeSchema(w, schema) {
  w.u8(MESSAGE_TYPES.schema);
  w.string(schema.game, false, SCHEMA_LIMITS.nameBytes, 'schema.game');
  const { kinds } = schema;
  if (kinds.length > SCHEMA_LIMITS.kinds || !unique(kinds.map((k) => k.code)) || !unique(kinds.map((k) => k.name))) {
    throw new OrreryEncodeError('schema.kinds');
  }
  w.u8(schema.kinds.length);
  for (const kind of schema.kinds) {
    w.u8(int(kind.code, 0, 0xff, 'kind.code'));
    w.string(kind.name, false, SCHEMA_LIMITS.nameBytes, 'kind.name');
    const shape = SHAPES.indexOf(kind.shape);
    if (shape < 0) throw new OrreryEncodeError('kind.shape');
    w.u8(shape);
    w.u32(int(kind.color, 0, 0xffffff, 'kind.color'));
    w.string(kind.glyph, true, SCHEMA_LIMITS.glyphBytes, 'kind.glyph');
    w.u8(int(kind.label, 0, schema.entityProperties.length, 'kind.label'));
  }
  writePropertySpecs(w, schema.entityProperties, 'entityProperties');
  writePropertySpecs(w, schema.playerProperties, 'playerProperties');
  writePropertySpecs(w, schema.universeProperties, 'universeProperties');
  writePayloadSpecs(w, schema.messages, SCHEMA_LIMITS.messages, 'messages');
  writePayloadSpecs(w, schema.commands, SCHEMA_LIMITS.commands, 'commands');
  w.u8(int(schema.inputPayloadMaxBytes, 0, SCHEMA_LIMITS.inputPayloadMaxBytes, 'schema.inputPayloadMaxBytes'));
  w.u8(int(schema.commandMaxBytes, 0, SCHEMA_LIMITS.commandMaxBytes, 'schema.commandMaxBytes'));
}

/**
 * Encodes one server→client message of a session of `options.version` (default 1; version 2 frames and resets
 * with `options.schema`). For tests and tools (fake servers, vector checks); a client never sends these.
 * @param {ServerMessage} message
 * @param {CodecOptions} [options]
 * @returns {Uint8Array}
 * @throws {OrreryEncodeError}
 */
export function encodeServerMessage(message, options = {}) {
  const version = versionOf(options);
  const schema = version === 1 ? null : options.schema ?? EMPTY_SCHEMA;
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
      if (version === 2) w.v32(int(message.account ?? 0, 0, U32_MAX, 'welcome.account'));
      break;
    case 'event-frame':
      if (message.events.length > MAX_EVENTS_PER_FRAME) throw new OrreryEncodeError('event-frame.events');
      w.u8(MESSAGE_TYPES['event-frame']);
      w.v64(u64(message.seq, 'event-frame.seq'));
      w.v64(u64(message.tick, 'event-frame.tick'));
      w.v32(int(message.lastInput, 0, U32_MAX, 'event-frame.lastInput'));
      w.u16(message.events.length);
      for (const event of message.events) writeEvent(w, event, schema);
      break;
    case 'reset':
      if (message.entities.length > MAX_RESET_ENTITIES) throw new OrreryEncodeError('reset.entities');
      w.u8(MESSAGE_TYPES.reset);
      w.v64(u64(message.seq, 'reset.seq'));
      w.v64(u64(message.tick, 'reset.tick'));
      w.v32(int(message.lastInput, 0, U32_MAX, 'reset.lastInput'));
      w.v32(int(message.avatarId, 0, U32_MAX, 'reset.avatarId'));
      w.u32(message.entities.length);
      for (const entity of message.entities) w.record(entity, schema);
      if (schema !== null) {
        w.entries(schema.playerProperties, message.playerState, 0, true, 'reset.playerState');
        w.entries(schema.universeProperties, message.universeState, 0, true, 'reset.universeState');
      }
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
    case 'schema':
      if (version === 1) throw new OrreryEncodeError('type');
      writeSchema(w, message);
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
 * A property value in the text form: ints in decimal, strings quoted, bytes as `0x` and hex digits.
 * @param {PropertyValue} value
 */
export function valueToText(value) {
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return quoted(value);
  return `0x${toHex(value)}`;
}

/**
 * ` p<index>=<value>` for each entry.
 * @param {PropertyEntry[] | undefined} entries
 */
function entriesText(entries = []) {
  let text = '';
  for (const { index, value } of entries) text += ` p${index}=${valueToText(value)}`;
  return text;
}

/**
 * @param {string} label
 * @param {EntityRecord} e
 */
function recordText(label, e) {
  return `${label} id=${e.id} kind=${e.kind} x=${e.x} y=${e.y} vx=${e.vx} vy=${e.vy} heading=${e.heading}` +
    ` radius=${e.radius} owner=${e.owner}${entriesText(e.properties)}`;
}

/** @param {SchemaMessage} m */
function schemaText(m) {
  let text = `schema game=${quoted(m.game)} kinds=${m.kinds.length} entityProperties=${m.entityProperties.length}` +
    ` playerProperties=${m.playerProperties.length} universeProperties=${m.universeProperties.length}` +
    ` messages=${m.messages.length} commands=${m.commands.length} inputPayloadMaxBytes=${m.inputPayloadMaxBytes}` +
    ` commandMaxBytes=${m.commandMaxBytes}`;
  for (const k of m.kinds) {
    text += ` | kind code=${k.code} name=${quoted(k.name)} shape=${k.shape}` +
      ` color=#${k.color.toString(16).padStart(6, '0')} glyph=${quoted(k.glyph)} label=${k.label}`;
  }
  for (const [scope, specs] of /** @type {const} */ ([['entity', m.entityProperties], ['player', m.playerProperties],
    ['universe', m.universeProperties]])) {
    for (const p of specs) {
      text += ` | ${scope}-property name=${quoted(p.name)} type=${p.type} maxLength=${p.maxLength}`;
    }
  }
  for (const p of m.messages) text += ` | message name=${quoted(p.name)} format=${p.format}`;
  for (const p of m.commands) text += ` | command name=${quoted(p.name)} format=${p.format}`;
  return text;
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
    case 'properties': return `properties id=${event.id}${entriesText(event.properties)}`;
    case 'player-state': return `player-state${entriesText(event.properties)}`;
    case 'universe-state': return `universe-state${entriesText(event.properties)}`;
    case 'message':
      return `message scope=${event.scope}${event.scope === 'entity' ? ` entity=${event.entity}` : ''}` +
        ` code=${event.code} payload=${toHex(event.payload)}`;
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
    case 'input':
      return `input seq=${m.seq} heading=${m.heading} throttle=${m.throttle} actions=${m.actions}` +
        (m.payload !== undefined && m.payload.length > 0 ? ` payload=${toHex(m.payload)}` : '');
    case 'ping': return `ping timestamp=${m.timestamp}`;
    case 'command': return `command code=${m.code} payload=${toHex(m.payload)}`;
    case 'welcome':
      return `welcome version=${m.version} player=${m.playerId} avatar=${m.avatarId} tickRate=${m.tickRate}` +
        ` tick=${m.tick} world=${m.worldWidth}x${m.worldHeight} viewRadius=${m.viewRadius}` +
        ` hysteresis=${m.hysteresis} keepAlive=${m.keepAlive} token=${toHex(m.token)} firstSeq=${m.firstSeq}` +
        (m.account !== undefined ? ` account=${m.account}` : '');
    case 'event-frame': {
      let text = `event-frame seq=${m.seq} tick=${m.tick} lastInput=${m.lastInput} events=${m.events.length}`;
      for (const event of m.events) text += ` | ${eventToText(event)}`;
      return text;
    }
    case 'reset': {
      let text = `reset seq=${m.seq} tick=${m.tick} lastInput=${m.lastInput} avatar=${m.avatarId}` +
        ` entities=${m.entities.length}`;
      for (const entity of m.entities) text += ` | ${recordText('entity', entity)}`;
      if (m.playerState !== undefined) text += ` | player-state${entriesText(m.playerState)}`;
      if (m.universeState !== undefined) text += ` | universe-state${entriesText(m.universeState)}`;
      return text;
    }
    case 'error': return `error code=${m.code} message=${quoted(m.message)}`;
    case 'pong': return `pong timestamp=${m.timestamp} tick=${m.tick}`;
    case 'schema': return schemaText(m);
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
 * A game message of the last applied frame, with its kind from the schema.
 * @typedef {object} ReceivedMessage
 * @property {typeof MESSAGE_SCOPES[number]} scope
 * @property {number} [entity] scope `entity`: the entity it is about
 * @property {number} code
 * @property {string} name the schema's name of the message kind
 * @property {typeof PAYLOAD_FORMATS[number]} format
 * @property {Uint8Array} payload
 * @property {string} [text] format `text`: the payload decoded
 */

/**
 * The default value of a property: int 0, the empty string, no bytes.
 * @param {PropertySpec} spec
 * @returns {PropertyValue}
 */
export function defaultValue(spec) {
  if (spec.type === 'int') return 0n;
  return spec.type === 'string' ? '' : new Uint8Array(0);
}

/**
 * The client's copy of what its observer may see, kept bit-exact with the server by applying welcome, schema, event
 * frames and resets: the entities in view with their properties (version 2), the private player state and the
 * universe state. No I/O and no clock. Mirrors the Swift `Replica`.
 */
export class Replica {
  constructor() {
    /** Parameters of the current session (the latest welcome); null before the first welcome. @type {WelcomeMessage | null} */
    this.session = null;
    /** The game's schema (version 2); null in a version 1 session. @type {SchemaMessage | null} */
    this.schema = null;
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
    /**
     * Version 2: every property (by schema index, defaults included) of each entity in view.
     * @type {Map<number, PropertyValue[]>}
     */
    this.properties = new Map();
    /** Version 2: the player's private state by schema index (defaults included). @type {PropertyValue[]} */
    this.playerState = [];
    /** Version 2: the universe state by schema index (defaults included). @type {PropertyValue[]} */
    this.universeState = [];
    /**
     * Version 2: the game messages of the last applied frame, in order (empty after a reset).
     * @type {ReceivedMessage[]}
     */
    this.messages = [];
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
   * Every property of entity `id` by name (a fresh object), or undefined when it is not in view.
   * @param {number} id
   * @returns {Record<string, PropertyValue> | undefined}
   */
  propertiesOf(id) {
    const values = this.properties.get(id);
    if (values === undefined || this.schema === null) return undefined;
    return byName(this.schema.entityProperties, values);
  }

  /**
   * One property of entity `id` by name; undefined when the entity is not in view or the schema has no such name.
   * @param {number} id
   * @param {string} name
   */
  property(id, name) {
    const index = this.schema?.entityProperties.findIndex((spec) => spec.name === name) ?? -1;
    return index < 0 ? undefined : this.properties.get(id)?.[index];
  }

  /** The private player state by name (a fresh object; empty in version 1). */
  playerStateByName() {
    return byName(this.schema?.playerProperties ?? [], this.playerState);
  }

  /** The universe state by name (a fresh object; empty in version 1). */
  universeStateByName() {
    return byName(this.schema?.universeProperties ?? [], this.universeState);
  }

  /**
   * The entity kind's drawing hints from the schema, or undefined (version 1, or a kind the schema does not list).
   * @param {number} kind
   */
  kindStyle(kind) {
    return this.schema?.kinds.find((style) => style.code === kind);
  }

  /**
   * Starts a new session after a join: forgets everything and waits for seq `welcome.firstSeq`. In version 2 the
   * schema that followed the welcome fixes the properties (all at their defaults until the first frame).
   * @param {WelcomeMessage} welcome
   * @param {SchemaMessage | null} [schema]
   */
  begin(welcome, schema = null) {
    this.session = welcome;
    this.schema = schema;
    this.properties.clear();
    this.playerState = (schema?.playerProperties ?? []).map(defaultValue);
    this.universeState = (schema?.universeProperties ?? []).map(defaultValue);
    this.messages = [];
    this.tick = BigInt(welcome.tick);
    this.lastSeq = BigInt.asUintN(64, BigInt(welcome.firstSeq) - 1n);
    this.avatarId = welcome.avatarId;
    this.lastInputSeq = 0;
    this.entities.clear();
    this.awaitingReset = false;
  }

  /**
   * Continues the session after a resume. If the server continues at `expectedSeq` the state is kept and replayed
   * frames follow; otherwise the state is kept for display until the reset the server must send. A schema that
   * differs from the one held (the universe changed its game) also waits for a reset.
   * @param {WelcomeMessage} welcome
   * @param {SchemaMessage | null} [schema]
   */
  resume(welcome, schema = null) {
    if (this.session === null) {
      this.begin(welcome, schema);
      return;
    }
    this.session = welcome;
    if (!sameSchema(this.schema, schema)) {
      this.begin(welcome, schema);
      this.awaitingReset = true;
      return;
    }
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
    this.messages = [];
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
          if (this.schema !== null) this.properties.set(event.id, this.recordProperties(event));
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
          this.properties.delete(event.id);
          break;
        case 'avatar':
          this.avatarId = event.id;
          break;
        case 'properties': {
          const values = /** @type {PropertyValue[]} */ (this.properties.get(event.id));
          for (const { index, value } of event.properties) values[index] = value;
          break;
        }
        case 'player-state':
          for (const { index, value } of event.properties) this.playerState[index] = value;
          break;
        case 'universe-state':
          for (const { index, value } of event.properties) this.universeState[index] = value;
          break;
        case 'message':
          this.messages.push(this.received(event));
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
    this.properties.clear();
    for (const record of reset.entities) {
      this.entities.set(record.id, copyRecord(record));
      if (this.schema !== null) this.properties.set(record.id, this.recordProperties(record));
    }
    if (this.schema !== null) {
      this.playerState = this.schema.playerProperties.map(defaultValue);
      for (const { index, value } of reset.playerState ?? []) this.playerState[index] = value;
      this.universeState = this.schema.universeProperties.map(defaultValue);
      for (const { index, value } of reset.universeState ?? []) this.universeState[index] = value;
    }
    this.messages = [];
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
   * Checks that every changed/properties/disappeared/destroyed event names an entity present at that point of the
   * frame.
   * @param {WireEvent[]} events
   */
  validateEvents(events) {
    const seen = this.scratch;
    seen.clear();
    for (const event of events) {
      if (event.type === 'appeared') {
        seen.set(event.id, true);
      } else if (event.type === 'changed' || event.type === 'properties' || event.type === 'disappeared' ||
        event.type === 'destroyed') {
        const present = seen.get(event.id) ?? this.entities.has(event.id);
        if (!present) {
          throw new ReplicaError('unknown-entity', `event for unknown entity ${event.id}`, { id: event.id });
        }
        if (event.type === 'disappeared' || event.type === 'destroyed') seen.set(event.id, false);
      }
    }
  }

  /**
   * Every property of a record (defaults, then the record's non-default ones).
   * @param {EntityRecord} record
   */
  recordProperties(record) {
    const values = /** @type {SchemaMessage} */ (this.schema).entityProperties.map(defaultValue);
    for (const { index, value } of record.properties ?? []) values[index] = value;
    return values;
  }

  /**
   * @param {MessageEvent} event
   * @returns {ReceivedMessage}
   */
  received(event) {
    const spec = /** @type {SchemaMessage} */ (this.schema).messages[event.code];
    /** @type {ReceivedMessage} */
    const { scope, code, payload } = event;
    const message = { scope, code, name: spec.name, format: spec.format, payload };
    if (event.entity !== undefined) message.entity = event.entity;
    if (spec.format === 'text') message.text = utf8Decoder.decode(event.payload);
    return message;
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
 * @param {PropertySpec[]} specs
 * @param {PropertyValue[]} values
 * @returns {Record<string, PropertyValue>}
 */
function byName(specs, values) {
  /** @type {Record<string, PropertyValue>} */
  const out = {};
  specs.forEach((spec, index) => { out[spec.name] = values[index]; });
  return out;
}

/**
 * True when both schemas encode to the same bytes (or both are absent).
 * @param {SchemaMessage | null} a
 * @param {SchemaMessage | null} b
 */
function sameSchema(a, b) {
  if (a === null || b === null) return a === b;
  const options = { version: 2 };
  return toHex(encodeServerMessage(a, options)) === toHex(encodeServerMessage(b, options));
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
 * @property {number} [version] protocol version to speak, default `PROTOCOL_VERSION` (2); 1 for a server that
 *   only speaks version 1 (no schema, properties, messages or commands)
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
 * @property {(welcome: WelcomeMessage, info: {resumed: boolean}) => void} [onWelcome] in version 2 once the schema
 *   that follows the welcome arrived (`client.schema`)
 * @property {(frame: EventFrameMessage) => void} [onFrame] after the frame was applied to `replica` (its game
 *   messages are in `replica.messages`)
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
    /** The protocol version this client speaks. */
    this.version = options.version ?? PROTOCOL_VERSION;
    if (!PROTOCOL_VERSIONS.includes(this.version)) {
      throw new RangeError(`protocol version ${this.version} is not supported`);
    }
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
    /** Version 2: the game's schema (from the latest schema message). @type {SchemaMessage | null} */
    this.schema = null;
    /** Version 2: a welcome waiting for the schema that follows it. @type {WelcomeMessage | null} */
    this.pendingWelcome = null;
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
   * 0...255, `actions` masked to 8 bits (bit 0 = fire). `payload` (version 2) is the game's input data, at most the
   * schema's `inputPayloadMaxBytes` (longer: `RangeError`, since the server would close with 4000). Returns the seq
   * used, or null when not live or a spectator.
   * The server allows 60 inputs, commands and pings per second (burst 120): send on change or once per tick.
   * @param {{heading: number, throttle: number, actions?: number, payload?: Uint8Array}} input
   * @returns {number | null}
   */
  sendInput({ heading, throttle, actions = 0, payload }) {
    if (this.state !== 'live' || this.role !== 'player') return null;
    const allowed = this.schema?.inputPayloadMaxBytes ?? 0;
    if (payload !== undefined && payload.length > allowed) {
      throw new RangeError(`input payload of ${payload.length} bytes; the schema allows ${allowed}`);
    }
    const seq = this.inputSeq + 1;
    /** @type {InputMessage} */
    const input = {
      type: 'input', seq,
      heading: ((Math.round(heading) % 65536) + 65536) % 65536,
      throttle: Math.min(255, Math.max(0, Math.round(throttle))),
      actions: actions & 0xff,
    };
    if (payload !== undefined) input.payload = payload;
    this.send(input);
    this.inputSeq = seq;
    return seq;
  }

  /**
   * Sends a game command (version 2): `command` is its name or code in the schema, `payload` a string (UTF-8) or
   * bytes, at most the schema's `commandMaxBytes`. Throws `RangeError` for an unknown command, a payload too long,
   * or bytes that are not UTF-8 for a text command (the server would close with 4000). Returns false when not live,
   * a spectator, or a version 1 session.
   * @param {string | number} command
   * @param {string | Uint8Array} [payload]
   */
  sendCommand(command, payload = new Uint8Array(0)) {
    if (this.state !== 'live' || this.role !== 'player' || this.schema === null) return false;
    const commands = this.schema.commands;
    const code = typeof command === 'number' ? command : commands.findIndex((spec) => spec.name === command);
    const spec = commands[code];
    if (spec === undefined) throw new RangeError(`command ${command} is not in the schema of ${this.schema.game}`);
    const bytes = typeof payload === 'string' ? utf8Encoder.encode(payload) : payload;
    const allowed = this.schema.commandMaxBytes;
    if (bytes.length > allowed) throw new RangeError(`command payload of ${bytes.length} bytes; the schema allows ${allowed}`);
    if (spec.format === 'text' && !isUtf8(bytes)) throw new RangeError(`command ${spec.name} takes UTF-8 text`);
    this.send({ type: 'command', code, payload: bytes });
    return true;
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
    this.ws?.send(encodeClientMessage(message, { version: this.version }));
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
    this.pendingWelcome = null;
    this.lastMessageAt = this.now();
    if (this.resumeToken !== null && this.replica.session !== null) {
      this.hello = 'resume';
      this.send({ type: 'resume', version: this.version, token: this.resumeToken, lastSeq: this.replica.lastSeq });
    } else {
      this.hello = 'join';
      /** @type {JoinMessage} */
      const join = { type: 'join', version: this.version, role: this.role };
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
      message = decodeServerMessage(data, { version: this.version, schema: this.schema });
    } catch (error) {
      if (!(error instanceof OrreryDecodeError)) throw error;
      this.fail(error);
      return;
    }
    switch (message.type) {
      case 'welcome':
        if (this.state !== 'hello' || this.pendingWelcome !== null) {
          return this.fail(new OrreryProtocolError('unexpected welcome'));
        }
        if (message.version !== this.version) {
          return this.fail(new OrreryProtocolError(`welcome for version ${message.version}, not ${this.version}`));
        }
        if (this.version === 1) return this.welcomed(message, now, null);
        this.pendingWelcome = message; // the schema follows (README, version 2)
        return;
      case 'schema': {
        const welcome = this.pendingWelcome;
        if (this.state !== 'hello' || welcome === null) return this.fail(new OrreryProtocolError('unexpected schema'));
        this.pendingWelcome = null;
        return this.welcomed(welcome, now, message);
      }
      case 'event-frame':
      case 'reset':
        if (this.state !== 'live') {
          const early = this.pendingWelcome === null ? '' : ' before the schema';
          return this.fail(new OrreryProtocolError(`unexpected ${message.type}${early}`));
        }
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
   * @param {SchemaMessage | null} schema version 2
   */
  welcomed(welcome, now, schema) {
    const resumed = this.hello === 'resume';
    this.schema = schema;
    if (resumed) {
      this.replica.resume(welcome, schema);
    } else {
      this.replica.begin(welcome, schema);
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
