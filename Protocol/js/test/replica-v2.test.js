// The replica in protocol version 2: entity properties, private player state, universe state and the messages of
// the last frame, applied from hand-built frames and from the golden vectors decoded with the test schema.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Replica, ReplicaError, decodeServerMessage, fromHex, toHex } from '../orrery.js';
import { readTsv } from './helpers.js';

const vectors = readTsv('vectors/vectors.tsv');
const vector = (name) => fromHex(vectors.find((row) => row.name === name).hex);
const schema = decodeServerMessage(vector('v2-schema-test'), { version: 2 });
const decode = (name) => decodeServerMessage(vector(name), { version: 2, schema });

const token = new Uint8Array(16).fill(1);
const welcome = ({ tick = 1000n, firstSeq = 1n } = {}) => ({
  type: 'welcome', version: 2, playerId: 3, avatarId: 0, tickRate: 20, tick, worldWidth: 1 << 20,
  worldHeight: 1 << 20, viewRadius: 51200, hysteresis: 5120, keepAlive: 20, token, firstSeq, account: 42,
});
const frame = (seq, tick, events) => ({ type: 'event-frame', seq: BigInt(seq), tick: BigInt(tick), lastInput: 0, events });
const rock = { id: 8, kind: 3, x: 1000, y: 2000, vx: 0, vy: 0, heading: 0, radius: 2048, owner: 0 };
const entry = (index, value) => ({ index, value });

/** A replica after the golden first frame: ship 7 (hp 100, name "ada", team 1), rock 8, full private/universe state. */
function started() {
  const replica = new Replica();
  replica.begin(welcome(), schema);
  replica.apply(decode('v2-event-frame-first'));
  return replica;
}

/** Everything a frame may change, as comparable text. */
const state = (replica) => JSON.stringify({
  entities: [...replica.entities], properties: [...replica.properties].map(([id, values]) => [id, values.map(String)]),
  player: replica.playerState.map(String), universe: replica.universeState.map(String),
  messages: replica.messages.map((m) => [m.name, toHex(m.payload)]), tick: String(replica.tick),
});

describe('Replica, version 2', () => {
  test('a new session starts every property at its default', () => {
    const replica = new Replica();
    replica.begin(welcome(), schema);
    assert.deepEqual(replica.playerStateByName(), { ammo: 0n, inventory: new Uint8Array(0), title: '' });
    assert.deepEqual(replica.universeStateByName(), { clock: 0n, leader: '', scores: new Uint8Array(0) });
    assert.deepEqual(replica.messages, []);
  });

  test('the first frame brings records with their properties and the full private and universe state', () => {
    const replica = started();
    assert.deepEqual(replica.propertiesOf(7), {
      hp: 100n, name: 'ada', team: 1n, tag: new Uint8Array(0), bio: '', blob: new Uint8Array(0),
    });
    assert.equal(replica.property(8, 'hp'), 0n, 'a record without properties leaves them at their defaults');
    assert.equal(replica.property(7, 'no-such-property'), undefined);
    assert.equal(replica.property(99, 'hp'), undefined);
    assert.deepEqual(replica.playerStateByName(), { ammo: 30n, inventory: Uint8Array.of(1, 2, 3), title: 'captain' });
    assert.deepEqual(replica.universeStateByName(), { clock: 6000n, leader: 'ada', scores: Uint8Array.of(0, 5, 0, 3) });
    assert.equal(replica.kindStyle(1).name, 'ship');
    assert.equal(replica.kindStyle(2), undefined);
  });

  test('properties events change only what they list, and may set defaults', () => {
    const replica = started();
    replica.applyFrame(frame(2, 1002, [
      { type: 'properties', id: 7, properties: [entry(0, 95n), entry(3, Uint8Array.of(9))] },
      { type: 'player-state', properties: [entry(0, 29n)] },
      { type: 'universe-state', properties: [entry(1, '')] },
    ]));
    assert.deepEqual(replica.propertiesOf(7), {
      hp: 95n, name: 'ada', team: 1n, tag: Uint8Array.of(9), bio: '', blob: new Uint8Array(0),
    });
    assert.equal(replica.playerStateByName().ammo, 29n);
    assert.equal(replica.playerStateByName().title, 'captain');
    assert.equal(replica.universeStateByName().leader, '');
    replica.applyFrame(frame(3, 1003, [
      { type: 'properties', id: 7, properties: [entry(0, 0n), entry(1, ''), entry(3, new Uint8Array(0))] },
    ]));
    assert.deepEqual(replica.propertiesOf(7), {
      hp: 0n, name: '', team: 1n, tag: new Uint8Array(0), bio: '', blob: new Uint8Array(0),
    });
  });

  test('an entity that leaves takes its properties; when it comes back its record brings them again', () => {
    const replica = started();
    replica.applyFrame(frame(2, 1002, [{ type: 'disappeared', id: 7 }]));
    assert.equal(replica.propertiesOf(7), undefined);
    assert.equal(replica.properties.has(7), false);
    const ship = { ...replica.entity(8), id: 7, kind: 1, properties: [entry(2, 2n)] };
    replica.applyFrame(frame(3, 1003, [{ type: 'appeared', ...ship }]));
    assert.deepEqual(replica.propertiesOf(7), {
      hp: 0n, name: '', team: 2n, tag: new Uint8Array(0), bio: '', blob: new Uint8Array(0),
    }, 'properties not in the record are at their defaults, not what the entity had before');
    replica.applyFrame(frame(4, 1004, [{ type: 'destroyed', id: 7, reason: 1 }]));
    assert.equal(replica.properties.has(7), false);
  });

  test('messages are the last frame\'s, in order, with their kind and text', () => {
    const replica = started();
    replica.applyFrame(frame(2, 2000, [
      { type: 'message', scope: 'player', code: 0, payload: new TextEncoder().encode('welcome, ada') },
      { type: 'message', scope: 'entity', entity: 7, code: 2, payload: Uint8Array.of(5, 255) },
      { type: 'message', scope: 'universe', code: 1, payload: new TextEncoder().encode('round over') },
    ]));
    assert.deepEqual(replica.messages, [
      { scope: 'player', code: 0, name: 'chat', format: 'text', payload: new TextEncoder().encode('welcome, ada'), text: 'welcome, ada' },
      { scope: 'entity', entity: 7, code: 2, name: 'hit', format: 'bytes', payload: Uint8Array.of(5, 255) },
      { scope: 'universe', code: 1, name: 'round-over', format: 'text', payload: new TextEncoder().encode('round over'), text: 'round over' },
    ]);
    replica.applyFrame(frame(3, 2001, []));
    assert.deepEqual(replica.messages, [], 'a frame without messages clears the previous ones');
  });

  test('the golden all-tags frame applies after a reset that holds its entities', () => {
    const replica = new Replica();
    replica.begin(welcome({ firstSeq: 9n }), schema);
    replica.apply(decode('v2-reset-basic'));
    const ids = (r) => [...r.entities.keys()].sort((a, b) => a - b);
    assert.deepEqual(ids(replica), [7, 8, 20]);
    assert.deepEqual(replica.propertiesOf(20).tag, Uint8Array.of(0, 255));
    assert.deepEqual(replica.playerStateByName(), { ammo: 30n, inventory: Uint8Array.of(1, 2, 3), title: 'captain' });
    // Entities 11-15 of the golden frame are not held: the frame is refused as a whole.
    assert.throws(() => replica.apply({ ...decode('v2-event-frame-all-tags'), seq: 10n }), ReplicaError);
  });

  test('a frame whose properties event names an unknown entity is refused without any change', () => {
    const replica = started();
    const before = state(replica);
    assert.throws(() => replica.applyFrame(frame(2, 1005, [
      { type: 'player-state', properties: [entry(0, 1n)] },
      { type: 'universe-state', properties: [entry(0, 1n)] },
      { type: 'message', scope: 'universe', code: 1, payload: new TextEncoder().encode('x') },
      { type: 'properties', id: 99, properties: [entry(0, 1n)] },
    ])), (error) => error instanceof ReplicaError && error.kind === 'unknown-entity' && error.details.id === 99);
    assert.equal(state(replica), before);
    assert.throws(() => replica.applyFrame(frame(2, 1005, [
      { type: 'disappeared', id: 8 }, { type: 'properties', id: 8, properties: [entry(0, 1n)] },
    ])), ReplicaError, 'an entity that left earlier in the frame is unknown too');
    assert.equal(state(replica), before);
  });

  test('a reset replaces entity properties, private and universe state, and clears messages', () => {
    const replica = started();
    replica.applyFrame(frame(2, 1001, [{ type: 'message', scope: 'universe', code: 1, payload: new Uint8Array(0) }]));
    assert.equal(replica.messages.length, 1);
    replica.apply({ ...decode('v2-reset-spectator'), seq: 3n, tick: 1077n });
    assert.deepEqual([...replica.entities.keys()], [8]);
    assert.deepEqual(replica.propertiesOf(8), {
      hp: 0n, name: '', team: 0n, tag: new Uint8Array(0), bio: '', blob: new Uint8Array(0),
    });
    assert.deepEqual(replica.playerStateByName(), { ammo: 0n, inventory: new Uint8Array(0), title: '' });
    assert.deepEqual(replica.universeStateByName(), { clock: 0n, leader: 'ada', scores: new Uint8Array(0) });
    assert.deepEqual(replica.messages, []);
  });

  test('the golden extremes survive the replica bit for bit', () => {
    const replica = new Replica();
    replica.begin(welcome({ tick: 0n, firstSeq: 0n }), schema);
    const reset = decode('v2-reset-extremes');
    replica.apply({ ...reset, seq: 0n, tick: 5n });
    const props = replica.propertiesOf(4294967295);
    assert.equal(props.hp, -(1n << 63n));
    assert.equal(props.team, (1n << 63n) - 1n);
    assert.equal(new TextEncoder().encode(props.bio).length, 255);
    assert.equal(props.blob.length, 255);
    assert.equal(replica.playerStateByName().ammo, (1n << 63n) - 1n);
    assert.equal(replica.universeStateByName().clock, -(1n << 63n));
  });

  test('a resume keeps the state when the schema is the same and waits for a reset when it changed', () => {
    const same = started();
    same.resume(welcome({ firstSeq: 2n }), decodeServerMessage(vector('v2-schema-test'), { version: 2 }));
    assert.equal(same.awaitingReset, false);
    assert.equal(same.property(7, 'name'), 'ada');

    const changed = started();
    const other = decodeServerMessage(vector('v2-schema-empty'), { version: 2 });
    changed.resume(welcome({ firstSeq: 2n }), other);
    assert.equal(changed.awaitingReset, true);
    assert.equal(changed.schema, other);
    assert.equal(changed.entities.size, 0);
  });

  test('a version 1 session has no schema and no game state', () => {
    const replica = new Replica();
    replica.begin({ ...welcome(), version: 1 });
    replica.applyFrame(frame(1, 1001, [{ type: 'appeared', ...rock }]));
    assert.equal(replica.schema, null);
    assert.equal(replica.propertiesOf(8), undefined);
    assert.deepEqual(replica.playerStateByName(), {});
    assert.deepEqual(replica.universeStateByName(), {});
  });
});
