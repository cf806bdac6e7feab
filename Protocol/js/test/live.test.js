// The client against a live `orrery serve --debug-truth`, once in each protocol version: it joins, plays for 300
// ticks (steering and firing), is cut once and resumes, and after every frame its replica must equal the server's
// truth for exactly its visible set, bit for bit, with contiguous seqs; in version 2 that includes every entity
// property, the private player state and the universe state. The server binary is ORRERY_BIN (default
// .build/debug/orrery, from the repository root). Without it the test is skipped, except when CI or
// ORRERY_REQUIRE_SERVER is set (scripts/test sets it).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connect, toHex } from '../orrery.js';
import { seededRandom } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const binary = resolve(root, process.env.ORRERY_BIN ?? '.build/debug/orrery');
const required = Boolean(process.env.CI || process.env.ORRERY_REQUIRE_SERVER);
const hasWebSocket = typeof globalThis.WebSocket === 'function';
const PLAY_TICKS = 300n;
const CUT_AFTER_TICKS = 150n;

function skipReason() {
  if (!hasWebSocket) return 'no global WebSocket (run node with --experimental-websocket)';
  if (!existsSync(binary) && !required) return `no server binary at ${binary} (swift build, or set ORRERY_BIN)`;
  return false;
}

/**
 * Starts `orrery serve` on port 0 with the truth hook; resolves once it prints its listening line.
 * @param {string[]} args
 */
function startServer(args) {
  assert.ok(existsSync(binary), `the server binary ${binary} is missing (swift build, or set ORRERY_BIN)`);
  const child = spawn(binary, ['serve', '--port', '0', '--debug-truth', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const listening = new Promise((done, fail) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^listening (ws:\/\/[^/]+)\/$/.exec(line);
      if (match) done(match[1]);
    });
    exited.then(({ code, signal }) => fail(new Error(`orrery serve exited (${code ?? signal}) before listening:\n${stderr}`)));
  });
  return {
    listening,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A promise resolved by `poke()` once `predicate()` holds. */
function waiter() {
  const pending = new Set();
  return {
    poke() {
      for (const entry of [...pending]) if (entry.predicate()) { pending.delete(entry); entry.resolve(); }
    },
    until(predicate) {
      return new Promise((done) => {
        const entry = { predicate, resolve: done };
        if (predicate()) done(); else pending.add(entry);
      });
    },
  };
}

/**
 * A replica value in the truth endpoint's JSON form (Protocol/README.md section 10): ints as numbers (compared as
 * decimal text), strings as strings, bytes as hex.
 * @param {bigint | string | Uint8Array} value
 */
const truthForm = (value) => (typeof value === 'bigint' ? String(value) : typeof value === 'string' ? value : toHex(value));

/**
 * The first name whose value differs between the replica's values and the truth's, as text, or null.
 * @param {string} what
 * @param {Record<string, bigint | string | Uint8Array> | undefined} held
 * @param {Record<string, number | string> | undefined} truth
 */
function valuesDiffer(what, held, truth) {
  if (held === undefined || truth === undefined) return `${what}: no values in the ${held === undefined ? 'replica' : 'truth'}`;
  const names = [...new Set([...Object.keys(held), ...Object.keys(truth)])];
  for (const name of names) {
    const expected = typeof truth[name] === 'number' ? String(truth[name]) : truth[name];
    if (held[name] === undefined || truthForm(held[name]) !== expected) {
      return `${what} ${name} is ${held[name] === undefined ? 'missing' : truthForm(held[name])}, server has ${expected}`;
    }
  }
  return null;
}

/** The rank of each event's group in the order the server promises (Protocol/README.md sections 4.2 and 4.4). */
const EVENT_RANK = {
  avatar: 0, destroyed: 1, disappeared: 2, appeared: 3, changed: 4, properties: 5, 'player-state': 6,
  'universe-state': 7, message: 8,
};

/**
 * Where a frame's events break the server's order (groups in order, ids ascending within a group, at most one
 * avatar, player-state and universe-state event), or null. Decoders accept any order; this checks the server.
 * @param {import('../orrery.js').WireEvent[]} events
 */
function orderProblem(events) {
  let previous = null;
  for (const event of events) {
    const rank = EVENT_RANK[event.type];
    if (previous !== null) {
      const grouped = rank === previous.rank && rank >= 1 && rank <= 5;
      if (rank < previous.rank || (grouped && event.id <= previous.id) || (rank === previous.rank && [0, 6, 7].includes(rank))) {
        return `${event.type} ${event.id ?? ''} after ${previous.type} ${previous.id ?? ''}`;
      }
    }
    previous = { rank, type: event.type, id: event.id };
  }
  return null;
}

/**
 * Compares a replica snapshot with the server's truth at the same tick for the same observer.
 * @returns {string | null} the first difference, or null when exact
 */
function difference(snapshot, truth) {
  if (truth.tick !== Number(snapshot.tick)) return `truth for tick ${truth.tick}, replica at ${snapshot.tick}`;
  const visible = [...truth.visible].sort((a, b) => a - b);
  const held = [...snapshot.entities.keys()].sort((a, b) => a - b);
  if (visible.join(',') !== held.join(',')) {
    return `tick ${snapshot.tick}: server view [${visible}] but replica holds [${held}]`;
  }
  for (const expected of truth.entities) {
    const actual = snapshot.entities.get(expected.id);
    for (const field of ['kind', 'x', 'y', 'vx', 'vy', 'heading', 'radius', 'owner']) {
      if (actual[field] !== expected[field]) {
        return `tick ${snapshot.tick}: entity ${expected.id} ${field} is ${actual[field]}, server has ${expected[field]}`;
      }
    }
    if (snapshot.version === 2) {
      const problem = valuesDiffer(`entity ${expected.id}`, snapshot.properties.get(expected.id), expected.properties);
      if (problem !== null) return `tick ${snapshot.tick}: ${problem}`;
    }
  }
  if (snapshot.version === 2) {
    const problem = valuesDiffer('universe state', snapshot.universeState, truth.universeState) ??
      valuesDiffer('player state', snapshot.playerState, truth.playerState);
    if (problem !== null) return `tick ${snapshot.tick}: ${problem}`;
  }
  return null;
}

for (const version of [1, 2]) {
  test(`plays 300 ticks against orrery serve with an exact replica, across a resume, in version ${version}`, {
    skip: skipReason(), timeout: 120000,
  }, () => playLive(version));
}

/**
 * One live game of the test, in protocol `version`.
 * @param {number} version
 */
async function playLive(version) {
  const universe = 'live';
  const server = startServer(['--universes', universe, '--tick-rate', '50', '--loops', '1', '--world', '400',
    '--view-radius', '120', '--hysteresis', '10', '--asteroids', '30', '--npcs', '6', '--seed', '7',
    '--log-level', 'warn']);
  const base = await server.listening;
  const http = base.replace(/^ws:/, 'http:');
  const wait = waiter();
  const seqs = [];
  const errors = [];
  const welcomes = [];
  const checks = [];
  let playerId = 0;
  let firstTick = null;
  let cut = false;
  const random = seededRandom(42);
  let heading = 0;

  /** Snapshots the replica now and compares it with the truth of its tick (asynchronously). */
  const check = (replica) => {
    const snapshot = {
      version, tick: replica.tick, entities: new Map([...replica.entities].map(([id, e]) => [id, { ...e }])),
      properties: new Map([...replica.entities.keys()].map((id) => [id, replica.propertiesOf(id)])),
      universeState: replica.universeStateByName(), playerState: replica.playerStateByName(),
    };
    checks.push(fetch(`${http}/debug/universes/${universe}/truth?tick=${replica.tick}&observer=${playerId}`)
      .then(async (response) => {
        const body = await response.text();
        if (response.status !== 200) return `truth for tick ${snapshot.tick}: HTTP ${response.status} ${body}`;
        return difference(snapshot, JSON.parse(body));
      }));
  };

  const client = connect(`${base}/universes/${universe}`, {
    name: 'node-live', initialBackoffMs: 50, jitter: 0, pingIntervalMs: 500, version,
    onWelcome: (welcome, { resumed }) => {
      welcomes.push({ resumed, firstSeq: welcome.firstSeq });
      playerId = welcome.playerId;
      wait.poke();
    },
    onFrame: (frame) => {
      seqs.push(frame.seq);
      firstTick ??= frame.tick;
      const problem = orderProblem(frame.events);
      if (problem !== null) errors.push(`frame ${frame.seq} out of order: ${problem}`);
      check(client.replica);
      wait.poke();
    },
    onReset: (reset) => { seqs.push(reset.seq); firstTick ??= reset.tick; check(client.replica); wait.poke(); },
    onError: (error) => { errors.push(String(error)); },
  });
  // Steer and fire at 20 inputs per second (under the server's rate limit), deterministically.
  const steering = setInterval(() => {
    heading = (heading + Math.floor(random() * 6000) - 2000) & 0xffff;
    client.sendInput({ heading, throttle: 128 + Math.floor(random() * 128), actions: random() < 0.2 ? 1 : 0 });
  }, 50);
  try {
    const played = (ticks) => () => firstTick !== null && client.replica.tick - firstTick >= ticks;
    await wait.until(played(CUT_AFTER_TICKS));
    // Cut the connection; the client reconnects and resumes with its token and last applied seq.
    cut = true;
    client.ws.close(1000, 'test cut');
    await wait.until(() => welcomes.length === 2);
    await wait.until(played(PLAY_TICKS));
  } finally {
    clearInterval(steering);
    client.close();
  }
  const problems = (await Promise.all(checks)).filter((problem) => problem !== null);
  await server.stop();

  assert.ok(cut);
  assert.deepEqual(errors, []);
  assert.equal(welcomes[0].resumed, false);
  assert.equal(welcomes[1].resumed, true, 'the second welcome answers a resume');
  assert.deepEqual(seqs, seqs.map((_, n) => BigInt(n + 1)), 'seqs run 1, 2, 3, ... without a gap across the resume');
  assert.ok(playerId > 0);
  assert.ok(client.inputSeq > 0);
  assert.ok(client.replica.lastInputSeq > 0, 'the server applied our inputs');
  assert.ok(checks.length >= 20, `only ${checks.length} frames were checked`);
  assert.deepEqual(problems.slice(0, 5), [], `${problems.length} of ${checks.length} checks differ from the truth`);
  if (version === 2) {
    assert.ok(client.schema !== null && client.schema.game.length > 0, 'the schema arrived');
    assert.ok(client.replica.universeState.length > 0, 'the arena declares universe state, so the check above covered it');
  }
}
