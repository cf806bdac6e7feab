// The client over a real WebSocket (Node's global WebSocket: run with --experimental-websocket on Node 20, as
// scripts/test does) against a minimal loopback server speaking the protocol.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connect, decodeClientMessage, encodeServerMessage } from '../orrery.js';
import { startMiniServer } from './mini-ws-server.js';

const hasWebSocket = typeof globalThis.WebSocket === 'function';
const ship = { id: 7, kind: 1, x: 1000, y: 2000, vx: 12, vy: -3, heading: 16384, radius: 512, owner: 3 };

function welcome(firstSeq, tokenByte) {
  return {
    type: 'welcome', version: 1, playerId: 3, avatarId: 7, tickRate: 20, tick: 1000n, worldWidth: 1 << 20,
    worldHeight: 1 << 20, viewRadius: 51200, hysteresis: 5120, keepAlive: 20,
    token: new Uint8Array(16).fill(tokenByte), firstSeq,
  };
}

/** Resolves when `predicate()` holds, checked after each callback of the client. */
function waiter() {
  const pending = new Set();
  return {
    poke: () => { for (const entry of [...pending]) if (entry.predicate()) { pending.delete(entry); entry.resolve(); } },
    until: (predicate) => new Promise((resolve) => {
      const entry = { predicate, resolve };
      if (predicate()) resolve(); else pending.add(entry);
    }),
  };
}

test('joins, plays, drops and resumes over a real WebSocket', { skip: !hasWebSocket && 'no global WebSocket', timeout: 20000 }, async () => {
  const received = []; // [connection index, decoded message]
  const urls = [];
  let connections = 0;
  const wait = waiter();
  const server = await startMiniServer((conn, request) => {
    const index = connections++;
    urls.push(request.url);
    conn.onMessage = (bytes) => {
      const message = decodeClientMessage(bytes);
      received.push([index, message]);
      if (message.type === 'join') {
        conn.send(encodeServerMessage(welcome(1n, 1)));
        conn.send(encodeServerMessage({ type: 'event-frame', seq: 1n, tick: 1001n, lastInput: 0,
          events: [{ type: 'avatar', id: 7 }, { type: 'appeared', ...ship }] }));
      } else if (message.type === 'input') {
        conn.send(encodeServerMessage({ type: 'event-frame', seq: 2n, tick: 1003n, lastInput: message.seq, events: [] }));
        conn.destroy(); // the connection drops without a close frame
      } else if (message.type === 'resume') {
        conn.send(encodeServerMessage(welcome(3n, 2)));
        conn.send(encodeServerMessage({ type: 'event-frame', seq: 3n, tick: 1010n, lastInput: 1, events: [] }));
      } else if (message.type === 'ping') {
        conn.send(encodeServerMessage({ type: 'pong', timestamp: message.timestamp, tick: 1010n }));
      }
      wait.poke();
    };
  });
  const frames = [];
  const client = connect(`${server.url}/universes/alpha`, {
    ticket: 'v1.3.alpha.1.sig', name: 'ada', initialBackoffMs: 10, pingIntervalMs: 0, version: 1,
    onFrame: (frame) => { frames.push(frame); wait.poke(); },
    onWelcome: () => wait.poke(),
    onPong: () => wait.poke(),
  });
  try {
    await wait.until(() => frames.length === 1);
    assert.equal(client.replica.entity(7).x, 1000);
    assert.equal(client.sendInput({ heading: 100, throttle: 255, actions: 1 }), 1);
    await wait.until(() => frames.length === 3);
    assert.equal(client.replica.lastSeq, 3n);
    assert.equal(client.replica.entity(7).x, 1000 + 9 * 12);
    assert.equal(client.ping(), true);
    await wait.until(() => client.rttMs !== null);
    assert.deepEqual(received.map(([index, m]) => [index, m.type]),
      [[0, 'join'], [0, 'input'], [1, 'resume'], [1, 'ping']]);
    const resume = received[2][1];
    assert.deepEqual([...resume.token], new Array(16).fill(1));
    assert.equal(resume.lastSeq, 2n);
    assert.ok(urls.every((url) => url === '/universes/alpha?ticket=v1.3.alpha.1.sig'), urls.join(' '));
  } finally {
    client.close();
    await server.stop();
  }
});
