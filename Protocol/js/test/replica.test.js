import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Replica, ReplicaError, TickClock, advanceRecord, decodeServerMessage, fromHex } from '../orrery.js';

const token = new Uint8Array(16).fill(1);

function welcome({ tick = 100n, firstSeq = 1n, avatar = 0 } = {}) {
  return {
    type: 'welcome', version: 1, playerId: 3, avatarId: avatar, tickRate: 20, tick, worldWidth: 1 << 20,
    worldHeight: 1 << 20, viewRadius: 51200, hysteresis: 5120, keepAlive: 20, token, firstSeq,
  };
}

const ship = { id: 7, kind: 1, x: 1000, y: 2000, vx: 12, vy: -3, heading: 16384, radius: 512, owner: 3 };
const rock = { id: 8, kind: 3, x: -50, y: 40, vx: -7, vy: 0, heading: 0, radius: 2048, owner: 0 };
const frame = (seq, tick, lastInput, events) => ({ type: 'event-frame', seq: BigInt(seq), tick: BigInt(tick), lastInput, events });
const reset = (seq, tick, lastInput, avatarId, entities) =>
  ({ type: 'reset', seq: BigInt(seq), tick: BigInt(tick), lastInput, avatarId, entities });

function started() {
  const replica = new Replica();
  replica.begin(welcome());
  replica.applyFrame(frame(1, 101, 0, [{ type: 'avatar', id: 7 }, { type: 'appeared', ...ship }, { type: 'appeared', ...rock }]));
  return replica;
}

/** Asserts `fn` throws a ReplicaError of `kind` with `details`. */
function throwsReplica(fn, kind, details) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof ReplicaError, String(error));
    assert.equal(error.kind, kind);
    if (details) assert.deepEqual(error.details, details);
    return true;
  });
}

const snapshot = (replica) => JSON.stringify([...replica.entities]);

describe('Replica', () => {
  test('applies events and advances over idle ticks', () => {
    const replica = started();
    assert.equal(replica.avatarId, 7);
    assert.deepEqual(replica.entity(7), ship);
    replica.applyFrame(frame(2, 121, 4, []));
    assert.equal(replica.tick, 121n);
    assert.equal(replica.lastInputSeq, 4);
    assert.equal(replica.entity(7).x, 1000 + 20 * 12);
    assert.equal(replica.entity(7).y, 2000 - 20 * 3);
    assert.equal(replica.entity(8).x, -50 - 20 * 7);
    replica.applyFrame(frame(3, 124, 5, [{ type: 'changed', id: 7, x: 5, y: 6, vx: 1, vy: 2, heading: 99 }]));
    assert.deepEqual(replica.entity(7), { id: 7, kind: 1, x: 5, y: 6, vx: 1, vy: 2, heading: 99, radius: 512, owner: 3 });
    assert.equal(replica.entity(8).x, -50 - 23 * 7);
    assert.equal(replica.lastSeq, 3n);
  });

  test('advancing k ticks equals k single wrapping steps', () => {
    const base = { id: 1, kind: 1, heading: 0, radius: 0, owner: 0 };
    const samples = [
      [{ ...base, x: 2147483647 - 5, y: -2147483648 + 5, vx: 3, vy: -4 }, 7n],
      [{ ...base, x: 0, y: 0, vx: 2147483647, vy: -2147483648 }, 1000n],
      [{ ...base, x: 17, y: -9, vx: -123457, vy: 99999 }, (1n << 32n) + 3n],
      [{ ...base, x: 123456789, y: -987654321, vx: 1234567, vy: -7654321 }, 100003n],
    ];
    for (const [record, ticks] of samples) {
      const stepped = { ...record };
      for (let n = 0n; n < ticks % (1n << 32n); n++) {
        stepped.x = (stepped.x + stepped.vx) | 0;
        stepped.y = (stepped.y + stepped.vy) | 0;
      }
      assert.deepEqual(advanceRecord(record, ticks), stepped);
      // The replica's advance uses the same rule.
      const replica = new Replica();
      replica.begin(welcome({ tick: 0n }));
      replica.applyFrame(frame(1, 0, 0, [{ type: 'appeared', ...record }]));
      replica.applyFrame(frame(2, ticks, 0, []));
      assert.deepEqual(replica.entity(1), stepped);
    }
  });

  test('wrapping matches BigInt arithmetic modulo 2^32 for large tick differences', () => {
    const record = { id: 1, kind: 1, x: -1000, y: 5, vx: 2147483647, vy: -3, heading: 0, radius: 0, owner: 0 };
    const ticks = (1n << 40n) + 12345n;
    const expect = (p, v) => Number(BigInt.asIntN(32, BigInt(p) + BigInt(v) * ticks));
    const advanced = advanceRecord(record, ticks);
    assert.equal(advanced.x, expect(record.x, record.vx));
    assert.equal(advanced.y, expect(record.y, record.vy));
  });

  test('sequence gaps are reported without changing state', () => {
    const replica = started();
    const before = snapshot(replica);
    throwsReplica(() => replica.applyFrame(frame(3, 130, 0, [{ type: 'disappeared', id: 7 }])), 'sequence-gap',
      { expected: 2n, received: 3n });
    throwsReplica(() => replica.applyFrame(frame(1, 130, 0, [])), 'sequence-gap', { expected: 2n, received: 1n });
    throwsReplica(() => replica.applyReset(reset(5, 130, 0, 0, [])), 'sequence-gap', { expected: 2n, received: 5n });
    assert.equal(snapshot(replica), before);
    assert.equal(replica.tick, 101n);
    assert.equal(replica.lastSeq, 1n);
    replica.applyFrame(frame(2, 102, 0, []));
    assert.equal(replica.entity(7).x, 1012);
  });

  test('ticks going backwards are reported without changing state', () => {
    const replica = started();
    throwsReplica(() => replica.applyFrame(frame(2, 100, 0, [])), 'tick-went-backwards',
      { replicaTick: 101n, frameTick: 100n });
    assert.equal(replica.lastSeq, 1n);
    assert.deepEqual(replica.entity(7), ship);
  });

  test('unknown entities are reported before any event is applied', () => {
    const replica = started();
    const before = snapshot(replica);
    const events = [
      { type: 'avatar', id: 0 }, { type: 'destroyed', id: 7, reason: 2 },
      { type: 'changed', id: 7, x: 0, y: 0, vx: 0, vy: 0, heading: 0 },
    ];
    throwsReplica(() => replica.applyFrame(frame(2, 110, 0, events)), 'unknown-entity', { id: 7 });
    throwsReplica(() => replica.applyFrame(frame(2, 110, 0, [{ type: 'disappeared', id: 99 }])), 'unknown-entity', { id: 99 });
    assert.equal(snapshot(replica), before);
    assert.equal(replica.avatarId, 7);
    assert.equal(replica.tick, 101n);
  });

  test('an entity may appear and change within one frame', () => {
    const replica = started();
    replica.applyFrame(frame(2, 102, 0, [
      { type: 'appeared', id: 9, kind: 4, x: 0, y: 0, vx: 1, vy: 1, heading: 0, radius: 1, owner: 3 },
      { type: 'changed', id: 9, x: 10, y: 20, vx: 2, vy: 3, heading: 4 },
    ]));
    assert.deepEqual(replica.entity(9), { id: 9, kind: 4, x: 10, y: 20, vx: 2, vy: 3, heading: 4, radius: 1, owner: 3 });
  });

  test('destroyed and disappeared remove entities', () => {
    const replica = started();
    replica.applyFrame(frame(2, 102, 0, [{ type: 'avatar', id: 0 }, { type: 'destroyed', id: 7, reason: 1 }]));
    assert.equal(replica.entity(7), undefined);
    assert.equal(replica.avatarId, 0);
    replica.applyFrame(frame(3, 103, 0, [{ type: 'disappeared', id: 8 }]));
    assert.equal(replica.entities.size, 0);
  });

  test('reset replaces everything', () => {
    const replica = started();
    const other = { id: 20, kind: 2, x: 1, y: 2, vx: 3, vy: 4, heading: 5, radius: 6, owner: 0 };
    replica.applyReset(reset(2, 500, 9, 20, [other]));
    assert.deepEqual([...replica.entities], [[20, other]]);
    assert.equal(replica.tick, 500n);
    assert.equal(replica.avatarId, 20);
    assert.equal(replica.lastInputSeq, 9);
    throwsReplica(() => replica.applyReset(reset(3, 501, 9, 0, [other, other])), 'duplicate-entity', { id: 20 });
    assert.deepEqual([...replica.entities], [[20, other]]);
    // The replica owns its records: advancing does not touch the reset message's objects.
    replica.applyFrame(frame(3, 510, 9, []));
    assert.equal(other.x, 1);
    assert.equal(replica.entity(20).x, 31);
  });

  test('frames before welcome are refused', () => {
    throwsReplica(() => new Replica().applyFrame(frame(1, 1, 0, [])), 'no-session');
  });

  test('resume continues or waits for a reset', () => {
    const continued = started();
    continued.resume(welcome({ tick: 140n, firstSeq: 2n }));
    assert.equal(continued.awaitingReset, false);
    assert.deepEqual(continued.entity(7), ship);
    continued.applyFrame(frame(2, 102, 0, []));

    const broken = started();
    broken.resume(welcome({ tick: 140n, firstSeq: 50n }));
    assert.equal(broken.awaitingReset, true);
    throwsReplica(() => broken.applyFrame(frame(50, 141, 0, [])), 'reset-required', { seq: 50n });
    broken.applyReset(reset(50, 141, 2, 7, [ship]));
    assert.equal(broken.awaitingReset, false);
    assert.deepEqual([...broken.entities], [[7, ship]]);
    broken.applyFrame(frame(51, 142, 2, []));
  });

  test('a welcome with firstSeq 0 expects seq 0 (u64 wrapping)', () => {
    const replica = new Replica();
    replica.begin(welcome({ firstSeq: 0n }));
    assert.equal(replica.lastSeq, 18446744073709551615n);
    assert.equal(replica.expectedSeq, 0n);
    replica.applyFrame(frame(0, 100, 0, []));
    assert.equal(replica.expectedSeq, 1n);
  });

  test('render positions interpolate at fractional ticks', () => {
    const replica = started();
    assert.deepEqual(replica.positionAt(7, 101), { x: 1000, y: 2000 });
    assert.deepEqual(replica.positionAt(7, 101.5), { x: 1006, y: 1998.5 });
    assert.deepEqual(replica.positionAt(7, 103.25), { x: 1027, y: 1993.25 });
    assert.deepEqual(replica.positionAt(8, 102), { x: -57, y: 40 });
    assert.equal(replica.positionAt(99, 101), null);
    const drawn = replica.entitiesAt(101.5).sort((a, b) => a.id - b.id);
    assert.deepEqual(drawn.map((e) => [e.id, e.x, e.y, e.kind, e.radius]), [[7, 1006, 1998.5, 1, 512], [8, -53.5, 40, 3, 2048]]);
    assert.deepEqual(replica.entity(7), ship, 'rendering never changes the replica');
  });

  test('applies decoded golden frames', () => {
    const replica = new Replica();
    replica.begin(welcome({ tick: 1000n }));
    replica.apply(decodeServerMessage(fromHex('8201e907000300050701070180a01f80c03e18050040800403010803d00fa01f00000000801000')));
    assert.equal(replica.entity(7).x, 256000);
    assert.equal(replica.entity(8).radius, 2048);
    assert.equal(replica.avatarId, 7);
  });
});

describe('TickClock', () => {
  test('extrapolates from the anchor, re-anchors only forward, never moves backwards', () => {
    const clock = new TickClock(20);
    assert.equal(clock.estimate(0), null);
    assert.equal(clock.renderTick(0, 100n, 20), 100);
    clock.observe(100n, 1000);
    assert.equal(clock.estimate(1025), 100.5);
    clock.observe(100n, 1100); // behind the estimate (102): ignored
    assert.equal(clock.estimate(1100), 102);
    clock.observe(110n, 1150); // ahead (103): re-anchored
    assert.equal(clock.estimate(1150), 110);
    assert.equal(clock.estimate(1100), 110, 'times before the anchor do not go backwards');
  });

  test('render tick is capped at replica tick + keepAlive and honours the delay', () => {
    const clock = new TickClock(20, { delayTicks: 2 });
    clock.observe(100n, 0);
    assert.equal(clock.renderTick(50, 100n, 20), 99);
    assert.equal(clock.renderTick(10000, 100n, 20), 120);
    clock.reset(10);
    assert.equal(clock.estimate(0), null);
    assert.equal(clock.tickRate, 10);
  });
});
