// Shared test helpers: TSV files of Protocol/, a seeded PRNG, fake timers and a fake WebSocket.
import { readFileSync } from 'node:fs';
import { decodeClientMessage, encodeServerMessage } from '../orrery.js';

const protocolDir = new URL('../../', import.meta.url);

/**
 * Rows of a TSV file under Protocol/ as objects keyed by the header line.
 * @param {string} path relative to Protocol/
 * @returns {Record<string, string>[]}
 */
export function readTsv(path) {
  const lines = readFileSync(new URL(path, protocolDir), 'utf8').split('\n').filter((line) => line !== '');
  const header = lines[0].split('\t');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((key, n) => [key, cells[n] ?? '']));
  });
}

/** mulberry32: a small deterministic PRNG giving floats in [0, 1). */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A manual clock with setTimeout/clearTimeout; `advance(ms)` runs due timers in order. */
export function fakeTime() {
  let now = 0;
  let nextId = 0;
  /** @type {{id: number, at: number, fn: () => void}[]} */
  let timers = [];
  return {
    now: () => now,
    setTimeout(fn, ms) {
      timers.push({ id: ++nextId, at: now + ms, fn });
      return nextId;
    },
    clearTimeout(id) {
      timers = timers.filter((timer) => timer.id !== id);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const timer = timers[0];
        if (timer === undefined || timer.at > end) break;
        timers.shift();
        now = timer.at;
        timer.fn();
      }
      now = end;
    },
  };
}

/**
 * A WebSocket class recording every instance; tests drive the server side with `serverOpen` etc. `codec` is the
 * session the fake server speaks (`{version, schema}`, version 1 by default); tests may change it on the class.
 */
export function fakeWebSocketClass(codec = { version: 1 }) {
  class FakeWebSocket {
    /** @type {FakeWebSocket[]} */
    static instances = [];
    static codec = codec;

    constructor(url, protocols) {
      this.url = url;
      this.protocols = protocols;
      this.protocol = '';
      this.binaryType = 'blob';
      /** Decoded messages the client sent. */
      this.sent = [];
      /** @type {{code: number, reason: string} | null} */
      this.closedWith = null;
      this.onopen = this.onmessage = this.onclose = this.onerror = null;
      FakeWebSocket.instances.push(this);
    }

    send(data) {
      if (!(data instanceof Uint8Array)) throw new TypeError('client must send bytes');
      this.sent.push(decodeClientMessage(data, FakeWebSocket.codec));
    }

    close(code, reason) {
      this.closedWith = { code, reason };
    }

    serverOpen(protocol = 'orrery.v1') {
      this.protocol = protocol;
      this.onopen?.({});
    }

    serverSend(message) {
      const bytes = encodeServerMessage(message, FakeWebSocket.codec);
      this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    }

    serverSendRaw(data) {
      this.onmessage?.({ data });
    }

    serverClose(code, reason = '') {
      this.onclose?.({ code, reason });
    }

    /** An error event without a close event (what Node 20 does for a refused connection). */
    serverError() {
      this.onerror?.({ type: 'error' });
    }
  }
  return FakeWebSocket;
}
