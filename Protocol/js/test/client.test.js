import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OrreryClient, OrreryDecodeError, OrreryProtocolError, OrreryServerError, ReplicaError, connect } from '../orrery.js';
import { fakeTime, fakeWebSocketClass } from './helpers.js';

const URL_BASE = 'ws://127.0.0.1:9000/universes/alpha';
const token = (n) => new Uint8Array(16).fill(n);

function welcome({ tick = 1000n, firstSeq = 1n, avatar = 7, token: t = token(1), keepAlive = 20 } = {}) {
  return {
    type: 'welcome', version: 1, playerId: 3, avatarId: avatar, tickRate: 20, tick, worldWidth: 1 << 20,
    worldHeight: 1 << 20, viewRadius: 51200, hysteresis: 5120, keepAlive, token: t, firstSeq,
  };
}

const ship = { id: 7, kind: 1, x: 1000, y: 2000, vx: 12, vy: -3, heading: 16384, radius: 512, owner: 3 };
const frame = (seq, tick, events = [], lastInput = 0) =>
  ({ type: 'event-frame', seq: BigInt(seq), tick: BigInt(tick), lastInput, events });

/** A client on fake sockets and fake time, with every callback recorded in `log`. */
function setup(options = {}) {
  const time = fakeTime();
  const Socket = fakeWebSocketClass();
  const log = { states: [], closes: [], errors: [], frames: [], resets: [], welcomes: [], pongs: [] };
  const client = connect(URL_BASE, {
    WebSocketImpl: Socket, now: time.now, setTimeout: time.setTimeout, clearTimeout: time.clearTimeout,
    random: () => 0, pingIntervalMs: 0, version: 1,
    onStateChange: (state) => log.states.push(state),
    onClose: (info) => log.closes.push(info),
    onError: (error) => log.errors.push(error),
    onFrame: (f) => log.frames.push(f),
    onReset: (r) => log.resets.push(r),
    onWelcome: (w, info) => log.welcomes.push(info),
    onPong: (p) => log.pongs.push(p),
    ...options,
  });
  const socket = () => Socket.instances.at(-1);
  /** Opens the latest socket and answers its hello with a welcome (and the avatar's first frame for a join). */
  const goLive = (w = welcome()) => {
    socket().serverOpen();
    socket().serverSend(w);
  };
  return { client, time, Socket, socket, log, goLive };
}

describe('OrreryClient', () => {
  test('offers orrery.v1, puts the ticket in the query and sends join on open', () => {
    const { socket, log } = setup({ ticket: 'v1.42.alpha.1700000000.abc', name: 'ada' });
    assert.equal(socket().protocols, 'orrery.v1');
    assert.equal(socket().binaryType, 'arraybuffer');
    assert.equal(new URL(socket().url).searchParams.get('ticket'), 'v1.42.alpha.1700000000.abc');
    assert.equal(new URL(socket().url).pathname, '/universes/alpha');
    assert.deepEqual(log.states, ['connecting']);
    assert.equal(socket().sent.length, 0);
    socket().serverOpen();
    assert.deepEqual(socket().sent, [{ type: 'join', version: 1, role: 'player', name: 'ada' }]);
    assert.deepEqual(log.states, ['connecting', 'hello']);
  });

  test('a spectator joins with its region and cannot send inputs', () => {
    const region = { x: -5, y: 7, width: 100, height: 200 };
    const { client, socket, goLive } = setup({ role: 'spectator', region });
    goLive(welcome({ avatar: 0 }));
    assert.deepEqual(socket().sent[0], { type: 'join', version: 1, role: 'spectator', region });
    assert.equal(client.sendInput({ heading: 0, throttle: 0 }), null);
    assert.equal(socket().sent.length, 1);
  });

  test('welcome starts the replica; frames are applied and reported', () => {
    const { client, socket, log, goLive } = setup();
    goLive();
    assert.equal(client.state, 'live');
    assert.deepEqual(log.welcomes, [{ resumed: false }]);
    socket().serverSend(frame(1, 1001, [{ type: 'avatar', id: 7 }, { type: 'appeared', ...ship }]));
    socket().serverSend(frame(2, 1005));
    assert.equal(log.frames.length, 2);
    assert.equal(client.replica.tick, 1005n);
    assert.equal(client.replica.avatarId, 7);
    assert.equal(client.replica.entity(7).x, 1000 + 4 * 12);
  });

  test('inputs are encoded with increasing seqs and normalised fields', () => {
    const { client, socket, goLive } = setup();
    assert.equal(client.sendInput({ heading: 1, throttle: 1 }), null, 'not live yet');
    goLive();
    assert.equal(client.sendInput({ heading: 16384, throttle: 255, actions: 1 }), 1);
    assert.equal(client.sendInput({ heading: -1, throttle: 300 }), 2);
    assert.equal(client.sendInput({ heading: 65536 + 10.4, throttle: -5, actions: 0x101 }), 3);
    assert.deepEqual(socket().sent.slice(1), [
      { type: 'input', seq: 1, heading: 16384, throttle: 255, actions: 1 },
      { type: 'input', seq: 2, heading: 65535, throttle: 255, actions: 0 },
      { type: 'input', seq: 3, heading: 10, throttle: 0, actions: 1 },
    ]);
  });

  test('after a drop it resumes with the last token and last applied seq; input seqs continue', () => {
    const { client, socket, Socket, time, log, goLive } = setup();
    goLive(welcome({ token: token(1) }));
    socket().serverSend(frame(1, 1001, [{ type: 'appeared', ...ship }]));
    socket().serverSend(frame(2, 1002));
    client.sendInput({ heading: 0, throttle: 10 });
    socket().serverClose(1006);
    assert.equal(client.state, 'reconnecting');
    assert.deepEqual(log.closes, [{ code: 1006, reason: '', willReconnect: true, resume: true, delayMs: 500 }]);
    time.advance(499);
    assert.equal(Socket.instances.length, 1, 'waits out the backoff');
    time.advance(1);
    assert.equal(Socket.instances.length, 2);
    socket().serverOpen();
    assert.deepEqual(socket().sent, [{ type: 'resume', version: 1, token: token(1), lastSeq: 2n }]);
    socket().serverSend(welcome({ tick: 1010n, firstSeq: 3n, token: token(2) }));
    assert.deepEqual(log.welcomes, [{ resumed: false }, { resumed: true }]);
    assert.equal(client.replica.entity(7).x, 1000 + 12, 'the replica is kept');
    socket().serverSend(frame(3, 1003));
    assert.equal(client.replica.entity(7).x, 1000 + 2 * 12);
    assert.equal(client.sendInput({ heading: 0, throttle: 0 }), 2);
    // The next drop resumes with the newest token.
    socket().serverClose(4004);
    time.advance(500);
    socket().serverOpen();
    assert.deepEqual(socket().sent, [{ type: 'resume', version: 1, token: token(2), lastSeq: 3n }]);
  });

  test('a resume the server cannot continue is followed by a reset', () => {
    const { client, socket, time, log, goLive } = setup();
    goLive();
    socket().serverSend(frame(1, 1001, [{ type: 'appeared', ...ship }]));
    socket().serverClose(1006);
    time.advance(500);
    goLive(welcome({ tick: 1200n, firstSeq: 40n, token: token(2) }));
    assert.equal(client.replica.awaitingReset, true);
    socket().serverSend({ type: 'reset', seq: 40n, tick: 1200n, lastInput: 0, avatarId: 7, entities: [ship] });
    assert.equal(log.resets.length, 1);
    assert.equal(client.replica.tick, 1200n);
    assert.equal(client.replica.entity(7).x, 1000);
  });

  test('resume rejected (4003) joins anew with an empty replica and input seqs from 1', () => {
    const { client, socket, time, log, goLive } = setup();
    goLive();
    socket().serverSend(frame(1, 1001, [{ type: 'appeared', ...ship }]));
    client.sendInput({ heading: 0, throttle: 0 });
    socket().serverClose(1006);
    time.advance(500);
    socket().serverOpen();
    assert.equal(socket().sent[0].type, 'resume');
    socket().serverSend({ type: 'error', code: 4003, message: 'unknown token' });
    socket().serverClose(4003);
    assert.ok(log.errors[0] instanceof OrreryServerError);
    assert.equal(log.errors[0].code, 4003);
    assert.equal(log.closes.at(-1).resume, false);
    time.advance(1000);
    socket().serverOpen();
    assert.deepEqual(socket().sent, [{ type: 'join', version: 1, role: 'player' }]);
    socket().serverSend(welcome({ tick: 2000n, token: token(3) }));
    assert.equal(client.replica.entities.size, 0);
    assert.equal(client.replica.tick, 2000n);
    assert.equal(client.sendInput({ heading: 0, throttle: 0 }), 1);
  });

  test('backoff doubles per failed attempt, is capped, and resets after a welcome', () => {
    const { client, socket, time, log, goLive } = setup({ maxBackoffMs: 4000 });
    for (let n = 0; n < 6; n++) {
      socket().serverClose(1006); // the connection fails before opening
      time.advance(log.closes.at(-1).delayMs);
    }
    assert.deepEqual(log.closes.map((c) => c.delayMs), [500, 1000, 2000, 4000, 4000, 4000]);
    goLive();
    socket().serverClose(1001);
    assert.equal(log.closes.at(-1).delayMs, 500);
    assert.equal(client.attempt, 1);
  });

  test('jitter shortens the delay by up to the jitter fraction', () => {
    const { log, socket } = setup({ random: () => 0.999999, jitter: 0.5 });
    socket().serverClose(1006);
    assert.ok(Math.abs(log.closes[0].delayMs - 250) < 0.01, String(log.closes[0].delayMs));
    const client = new OrreryClient(URL_BASE, { random: () => 0.5, jitter: 0.2, initialBackoffMs: 1000 });
    assert.equal(client.backoffDelay(0), 900);
    assert.equal(client.backoffDelay(3), 7200);
    assert.equal(client.backoffDelay(40), 13500);
  });

  test('an error event without a close event still ends the attempt and reconnects', () => {
    const { client, socket, Socket, time, log } = setup();
    socket().serverError();
    assert.equal(client.state, 'reconnecting');
    assert.equal(log.closes[0].code, 1006);
    socket().serverClose(1006); // a late close event of the detached socket is ignored
    assert.equal(log.closes.length, 1);
    time.advance(500);
    assert.equal(Socket.instances.length, 2);
  });

  test('maxReconnectAttempts gives up', () => {
    const { client, socket, time, log } = setup({ maxReconnectAttempts: 2 });
    socket().serverClose(1006);
    time.advance(500);
    socket().serverClose(1006);
    time.advance(1000);
    socket().serverClose(1006);
    assert.equal(client.state, 'closed');
    assert.deepEqual(log.closes.map((c) => c.willReconnect), [true, true, false]);
  });

  for (const code of [4000, 4001, 4006, 4007, 4008, 4010]) {
    test(`close code ${code} stops without reconnecting`, () => {
      const { client, socket, Socket, time, log, goLive } = setup();
      goLive();
      socket().serverClose(code);
      time.advance(60000);
      assert.equal(client.state, 'closed');
      assert.equal(Socket.instances.length, 1);
      assert.equal(log.closes.at(-1).willReconnect, false);
    });
  }

  test('a sequence gap closes with 4000 and resumes; a second failure in a row joins anew', () => {
    const { client, socket, time, log, goLive } = setup();
    goLive();
    socket().serverSend(frame(1, 1001, [{ type: 'appeared', ...ship }]));
    const first = socket();
    first.serverSend(frame(3, 1003));
    assert.deepEqual(first.closedWith, { code: 4000, reason: 'replica out of sync' });
    assert.ok(log.errors[0] instanceof ReplicaError);
    assert.equal(log.errors[0].kind, 'sequence-gap');
    assert.equal(client.replica.lastSeq, 1n, 'the refused frame changed nothing');
    time.advance(log.closes.at(-1).delayMs);
    socket().serverOpen();
    assert.deepEqual(socket().sent, [{ type: 'resume', version: 1, token: token(1), lastSeq: 1n }]);
    socket().serverSend(welcome({ firstSeq: 2n, token: token(2) }));
    socket().serverSend(frame(2, 1002, [{ type: 'disappeared', id: 99 }]));
    assert.equal(log.errors[1].kind, 'unknown-entity');
    time.advance(log.closes.at(-1).delayMs);
    socket().serverOpen();
    assert.equal(socket().sent[0].type, 'join');
  });

  test('undecodable bytes close with 4000 and stop', () => {
    const { client, socket, log, goLive } = setup();
    goLive();
    socket().serverSendRaw(new Uint8Array([0x82, 0x01]).buffer);
    assert.ok(log.errors[0] instanceof OrreryDecodeError);
    assert.equal(log.errors[0].kind, 'truncated');
    assert.deepEqual(socket().closedWith, { code: 4000, reason: 'bad message' });
    assert.equal(client.state, 'closed');
  });

  test('a server that does not select orrery.v1 or sends text is refused', () => {
    const first = setup();
    first.socket().serverOpen('');
    assert.ok(first.log.errors[0] instanceof OrreryProtocolError);
    assert.equal(first.client.state, 'closed');
    assert.equal(first.socket().sent.length, 0);
    const second = setup();
    second.goLive();
    second.socket().serverSendRaw('hello');
    assert.ok(second.log.errors[0] instanceof OrreryProtocolError);
    assert.equal(second.client.state, 'closed');
  });

  test('a frame before welcome is a protocol error', () => {
    const { client, socket, log } = setup();
    socket().serverOpen();
    socket().serverSend(frame(1, 1));
    assert.ok(log.errors[0] instanceof OrreryProtocolError);
    assert.equal(client.state, 'closed');
  });

  test('pings measure the round trip; pings repeat while live', () => {
    const { client, socket, time, log, goLive } = setup({ pingIntervalMs: 1000 });
    time.advance(5);
    goLive();
    const pings = () => socket().sent.filter((m) => m.type === 'ping');
    assert.equal(pings().length, 1, 'a ping right after welcome');
    assert.equal(pings()[0].timestamp, 5000n, 'microseconds of the monotonic clock');
    time.advance(40);
    socket().serverSend({ type: 'pong', timestamp: pings()[0].timestamp, tick: 1001n });
    assert.equal(client.rttMs, 40);
    assert.equal(log.pongs[0].tick, 1001n);
    for (let n = 0; n < 16; n++) {
      time.advance(250);
      socket().serverSend(frame(n + 1, 1001 + n)); // keep the connection alive
    }
    // Checked every 250 ms: pings at 5, 1250, 2250 and 3250 ms within 4045 ms.
    assert.equal(pings().length, 4);
  });

  test('silence for 3 keep-alive periods drops the connection and resumes', () => {
    const { client, socket, Socket, time, log, goLive } = setup();
    goLive(welcome({ keepAlive: 20 })); // 20 ticks at 20 Hz: dead after 3 s
    time.advance(2900);
    assert.equal(client.state, 'live');
    time.advance(400);
    assert.equal(client.state, 'reconnecting');
    assert.deepEqual(Socket.instances[0].closedWith?.code, 1000);
    assert.equal(log.closes.at(-1).resume, true);
    time.advance(log.closes.at(-1).delayMs);
    socket().serverOpen();
    assert.equal(socket().sent[0].type, 'resume');
  });

  test('an attempt without welcome times out', () => {
    const { client, Socket, time, socket } = setup({ connectTimeoutMs: 5000 });
    socket().serverOpen();
    time.advance(5300);
    assert.equal(client.state, 'reconnecting');
    assert.equal(Socket.instances[0].closedWith?.code, 1000);
  });

  test('close() stops for good', () => {
    const { client, socket, Socket, time, goLive } = setup();
    goLive();
    client.close();
    assert.equal(client.state, 'closed');
    assert.deepEqual(socket().closedWith, { code: 1000, reason: '' });
    time.advance(60000);
    assert.equal(Socket.instances.length, 1);
  });

  test('a ticket function is asked again on every connect', async () => {
    let minted = 0;
    const { socket, time } = setup({ ticket: () => Promise.resolve(`t${++minted}`) });
    await Promise.resolve();
    assert.equal(new URL(socket().url).searchParams.get('ticket'), 't1');
    socket().serverClose(1006);
    time.advance(500);
    await Promise.resolve();
    assert.equal(new URL(socket().url).searchParams.get('ticket'), 't2');
  });

  test('renderTick extrapolates from the last frame arrival, capped at replica tick + keepAlive', () => {
    const { client, socket, time, goLive } = setup();
    goLive();
    socket().serverSend(frame(1, 1001, [{ type: 'appeared', ...ship }]));
    assert.equal(client.renderTick(), 1001);
    time.advance(25);
    assert.equal(client.renderTick(), 1001.5);
    const [drawn] = client.entities();
    assert.deepEqual([drawn.id, drawn.x, drawn.y], [7, 1006, 1998.5]);
    time.advance(10000);
    assert.equal(client.renderTick(), 1001 + 20);
  });
});
