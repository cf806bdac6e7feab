// Checks a WebSocket echo server with Node's built-in WebSocket client (undici).
//
//   node --experimental-websocket Tests/Peers/node_echo_check.mjs ws://127.0.0.1:PORT/
//
// (Node 20 needs the flag; Node >= 22 has the global WebSocket without it.)
// Text and binary messages of 0, 125, 126, 65535, 65536 and 1,048,576 bytes must come
// back intact and with their type, then a close with code 1000 must be answered with 1000.
// Prints one line per case (`PASS node: ...` or `FAIL node: ...: why`); exits non-zero
// if any case failed.

const SIZES = [0, 125, 126, 65535, 65536, 1 << 20];
const CASE_TIMEOUT_MS = 20000;
const PEER = 'node';
let failed = 0;

function report(name, error) {
  if (error == null) {
    console.log(`PASS ${PEER}: ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${PEER}: ${name}: ${error}`);
  }
}

// A string whose UTF-8 encoding is exactly `size` bytes, with 1- to 4-byte characters.
function textOf(size) {
  const unit = 'Orrery ü€𝄞 ';
  const encoder = new TextEncoder();
  let text = unit.repeat(Math.floor(size / encoder.encode(unit).length) + 1);
  let bytes = encoder.encode(text).subarray(0, size);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (;;) {
    try {
      text = decoder.decode(bytes);
      break;
    } catch {
      bytes = bytes.subarray(0, bytes.length - 1);
    }
  }
  return text + 'x'.repeat(size - bytes.length);
}

// Deterministic pseudo-random bytes (xorshift32 seeded with `seed`).
function binaryOf(size, seed) {
  const out = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function describe(data) {
  if (typeof data === 'string') return `text of ${new TextEncoder().encode(data).length} bytes`;
  if (data instanceof ArrayBuffer) return `binary of ${data.byteLength} bytes`;
  return `${Object.prototype.toString.call(data)}`;
}

function mismatch(sent, got) {
  if (typeof sent === 'string') {
    if (typeof got !== 'string') return `sent ${describe(sent)}, got ${describe(got)}`;
    return got === sent ? null : `sent ${describe(sent)}, got different ${describe(got)}`;
  }
  if (!(got instanceof ArrayBuffer)) return `sent binary of ${sent.length} bytes, got ${describe(got)}`;
  const view = new Uint8Array(got);
  if (view.length !== sent.length || !view.every((b, i) => b === sent[i])) {
    return `sent binary of ${sent.length} bytes, got different ${describe(got)}`;
  }
  return null;
}

// One connection whose incoming messages and close are awaited as promises.
class Peer {
  constructor(url) {
    this.queue = [];
    this.waiters = [];
    this.closeEvent = null;
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.addEventListener('open', resolve, { once: true });
      this.ws.addEventListener('error', () => reject(new Error('connection failed')), { once: true });
    });
    this.closed = new Promise((resolve) => {
      this.ws.addEventListener('close', (ev) => {
        this.closeEvent = ev;
        for (const w of this.waiters.splice(0)) w.reject(new Error(`connection closed: ${ev.code} ${ev.reason}`));
        resolve(ev);
      });
    });
    this.ws.addEventListener('message', (ev) => {
      const w = this.waiters.shift();
      if (w) w.resolve(ev.data); else this.queue.push(ev.data);
    });
  }

  get open() { return this.ws.readyState === WebSocket.OPEN; }

  recv() {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.closeEvent) return Promise.reject(new Error(`connection closed: ${this.closeEvent.code}`));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }
}

async function runCase(name, body) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CASE_TIMEOUT_MS / 1000} s`), CASE_TIMEOUT_MS);
  });
  try {
    report(name, await Promise.race([body(), timeout]));
  } catch (e) {
    report(name, String(e && e.message ? e.message : e));
  } finally {
    clearTimeout(timer);
  }
}

async function main(url) {
  if (typeof globalThis.WebSocket !== 'function') {
    report('global WebSocket', 'missing (run node with --experimental-websocket)');
    return;
  }
  let peer = null;
  for (const size of SIZES) {
    for (const kind of ['text', 'binary']) {
      const payload = kind === 'text' ? textOf(size) : binaryOf(size, size);
      await runCase(`echo ${kind} ${size} bytes`, async () => {
        if (peer == null || !peer.open) {
          peer = new Peer(url);
          await peer.opened;
        }
        peer.ws.send(payload);
        return mismatch(payload, await peer.recv());
      });
    }
  }
  if (peer != null && peer.open) peer.ws.close(1000);

  await runCase('close handshake 1000', async () => {
    const p = new Peer(url);
    await p.opened;
    p.ws.send('before close');
    const got = await p.recv();
    if (got !== 'before close') return `echo before close failed: got ${describe(got)}`;
    p.ws.close(1000, 'done');
    const ev = await p.closed;
    if (!ev.wasClean) return `close was not clean (code ${ev.code})`;
    if (ev.code !== 1000) return `the server answered Close 1000 with ${ev.code} ${ev.reason}`;
    return null;
  });
}

const url = process.argv[2];
if (!url) {
  console.error('usage: node --experimental-websocket Tests/Peers/node_echo_check.mjs ws://127.0.0.1:PORT/');
  process.exit(2);
}
await main(url);
process.exit(failed ? 1 : 0);
