// OrreryClient in protocol version 2 (its default) on fake sockets: the schema after the welcome, game state and
// messages in the replica, input payloads and commands checked against the schema before they are sent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OrreryProtocolError, connect, decodeServerMessage, fromHex } from '../orrery.js';
import { fakeTime, fakeWebSocketClass, readTsv } from './helpers.js';

const vectors = readTsv('vectors/vectors.tsv');
const schema = decodeServerMessage(fromHex(vectors.find((row) => row.name === 'v2-schema-test').hex), { version: 2 });
const token = (n) => new Uint8Array(16).fill(n);
const welcome = ({ version = 2, tick = 1000n, firstSeq = 1n, t = token(1) } = {}) => ({
  type: 'welcome', version, playerId: 3, avatarId: 7, tickRate: 20, tick, worldWidth: 1 << 20, worldHeight: 1 << 20,
  viewRadius: 51200, hysteresis: 5120, keepAlive: 20, token: t, firstSeq, account: 42,
});
const ship = { id: 7, kind: 1, x: 1000, y: 2000, vx: 12, vy: -3, heading: 16384, radius: 512, owner: 3 };
const frame = (seq, tick, events = []) => ({ type: 'event-frame', seq: BigInt(seq), tick: BigInt(tick), lastInput: 0, events });

function setup(options = {}) {
  const time = fakeTime();
  const Socket = fakeWebSocketClass({ version: 2, schema });
  const log = { welcomes: [], errors: [], closes: [], frames: [] };
  const client = connect('ws://127.0.0.1:9000/universes/ctf', {
    WebSocketImpl: Socket, now: time.now, setTimeout: time.setTimeout, clearTimeout: time.clearTimeout,
    random: () => 0, pingIntervalMs: 0,
    onWelcome: (w, info) => log.welcomes.push([w.account, info.resumed]),
    onError: (error) => log.errors.push(error),
    onClose: (info) => log.closes.push(info),
    onFrame: (f) => log.frames.push(f),
    ...options,
  });
  const socket = () => Socket.instances.at(-1);
  const goLive = () => {
    socket().serverOpen();
    socket().serverSend(welcome());
    socket().serverSend(schema);
    socket().serverSend(frame(1, 1001, [
      { type: 'avatar', id: 7 },
      { type: 'appeared', ...ship, properties: [{ index: 1, value: 'ada' }] },
      { type: 'player-state', properties: [{ index: 0, value: 30n }] },
    ]));
  };
  return { client, socket, log, goLive, time };
}

describe('OrreryClient, version 2', () => {
  test('joins in version 2 and goes live once the schema that follows the welcome arrived', () => {
    const { client, socket, log } = setup({ name: 'ada' });
    socket().serverOpen();
    assert.deepEqual(socket().sent, [{ type: 'join', version: 2, role: 'player', name: 'ada' }]);
    socket().serverSend(welcome());
    assert.equal(client.state, 'hello', 'the welcome alone is not enough');
    assert.deepEqual(log.welcomes, []);
    socket().serverSend(schema);
    assert.equal(client.state, 'live');
    assert.deepEqual(log.welcomes, [[42, false]]);
    assert.equal(client.schema.game, 'vectors');
    assert.equal(client.replica.schema, client.schema);
  });

  test('frames carry properties, private state and messages into the replica', () => {
    const { client, socket, log, goLive } = setup();
    goLive();
    assert.equal(client.replica.property(7, 'name'), 'ada');
    assert.equal(client.replica.playerStateByName().ammo, 30n);
    socket().serverSend(frame(2, 1002, [
      { type: 'message', scope: 'universe', code: 0, payload: new TextEncoder().encode('gg') },
    ]));
    assert.equal(log.frames.length, 2);
    assert.deepEqual(client.replica.messages.map((m) => [m.name, m.text]), [['chat', 'gg']]);
  });

  test('a frame before the schema is a protocol error', () => {
    const { client, socket, log } = setup();
    socket().serverOpen();
    socket().serverSend(welcome());
    socket().serverSend(frame(1, 1001));
    assert.equal(client.state, 'closed');
    assert.ok(log.errors[0] instanceof OrreryProtocolError);
    assert.match(log.errors[0].message, /before the schema/);
  });

  test('a welcome of another version, or a schema out of place, is a protocol error', () => {
    const first = setup();
    first.socket().serverOpen();
    first.socket().serverSend(welcome({ version: 1 }));
    assert.equal(first.client.state, 'closed');
    assert.match(first.log.errors[0].message, /version 1, not 2/);

    const second = setup();
    second.goLive();
    second.socket().serverSend(schema);
    assert.equal(second.client.state, 'closed');
    assert.match(second.log.errors[0].message, /unexpected schema/);
  });

  test('commands go by name or code with text or bytes, checked against the schema', () => {
    const { client, socket, goLive } = setup();
    assert.equal(client.sendCommand('chat', 'hi'), false, 'not live yet');
    goLive();
    assert.equal(client.sendCommand('chat', 'hi ✓'), true);
    assert.equal(client.sendCommand(1, Uint8Array.of(0, 255)), true);
    assert.equal(client.sendCommand('buy'), true);
    assert.deepEqual(socket().sent.slice(1), [
      { type: 'command', code: 0, payload: new TextEncoder().encode('hi ✓') },
      { type: 'command', code: 1, payload: Uint8Array.of(0, 255) },
      { type: 'command', code: 1, payload: new Uint8Array(0) },
    ]);
    assert.throws(() => client.sendCommand('dance'), RangeError);
    assert.throws(() => client.sendCommand(2), RangeError);
    assert.throws(() => client.sendCommand('buy', new Uint8Array(129)), RangeError);
    assert.throws(() => client.sendCommand('chat', Uint8Array.of(0xff)), RangeError, 'a text command takes UTF-8');
    assert.equal(socket().sent.length, 4, 'nothing was sent for the refused commands');
  });

  test('inputs carry a payload up to the schema\'s limit', () => {
    const { client, socket, goLive } = setup();
    goLive();
    assert.equal(client.sendInput({ heading: 0, throttle: 10, payload: Uint8Array.of(1, 2) }), 1);
    assert.equal(client.sendInput({ heading: 0, throttle: 10 }), 2);
    assert.deepEqual(socket().sent.slice(1), [
      { type: 'input', seq: 1, heading: 0, throttle: 10, actions: 0, payload: Uint8Array.of(1, 2) },
      { type: 'input', seq: 2, heading: 0, throttle: 10, actions: 0, payload: new Uint8Array(0) },
    ]);
    assert.throws(() => client.sendInput({ heading: 0, throttle: 0, payload: new Uint8Array(9) }), RangeError);
    assert.equal(client.inputSeq, 2);
  });

  test('spectators send no commands', () => {
    const { client, socket } = setup({ role: 'spectator' });
    socket().serverOpen();
    socket().serverSend({ ...welcome(), playerId: 0, avatarId: 0, account: 0 });
    socket().serverSend(schema);
    assert.equal(client.state, 'live');
    assert.equal(client.sendCommand('chat', 'hi'), false);
    assert.equal(socket().sent.length, 1);
  });

  test('a resume sends version 2 and keeps the state after the schema', () => {
    const { client, socket, time, goLive } = setup();
    goLive();
    socket().serverClose(1006);
    time.advance(500);
    socket().serverOpen();
    assert.deepEqual(socket().sent, [{ type: 'resume', version: 2, token: token(1), lastSeq: 1n }]);
    socket().serverSend(welcome({ firstSeq: 2n, t: token(2) }));
    socket().serverSend(schema);
    assert.equal(client.state, 'live');
    assert.equal(client.replica.property(7, 'name'), 'ada');
  });

  test('version 1 pinned: no schema, no commands', () => {
    const time = fakeTime();
    const Socket = fakeWebSocketClass({ version: 1 });
    const client = connect('ws://127.0.0.1:9000/universes/alpha', {
      WebSocketImpl: Socket, now: time.now, setTimeout: time.setTimeout, clearTimeout: time.clearTimeout,
      pingIntervalMs: 0, version: 1,
    });
    const socket = Socket.instances.at(-1);
    socket.serverOpen();
    assert.deepEqual(socket.sent, [{ type: 'join', version: 1, role: 'player' }]);
    const { account, ...v1 } = welcome({ version: 1 });
    assert.equal(account, 42);
    socket.serverSend(v1);
    assert.equal(client.state, 'live');
    assert.equal(client.schema, null);
    assert.equal(client.sendCommand('chat', 'hi'), false);
    assert.throws(() => connect('ws://x/universes/a', { WebSocketImpl: Socket, version: 3 }), RangeError);
  });
});
