#!/usr/bin/env node
// The reference server for Orrery's benchmarks: Node's `ws` library in the role of
// `orrery echo`, with the same options and the same announcement line.
//
//   PATH_TO_WS=/tmp/ws-lib node scripts/bench/ws_server.js [--host 127.0.0.1] [--port 0]
//       [--broadcast] [--max-message BYTES] [--max-fragments N]
//
// Echoes every message to its sender (text as text, binary as binary), or with
// --broadcast sends each message to every connected client, the sender included.
// No permessage-deflate (as Orrery). When ready it prints `listening ws://HOST:PORT/`;
// it exits 0 on SIGTERM or SIGINT. `ws` is not part of the project: PATH_TO_WS names an
// unpacked copy of it (BENCHMARKS.md says how to get one).
'use strict';

const wsPath = process.env.PATH_TO_WS || '/tmp/ws-lib';
let ws;
try {
  ws = require(wsPath);
} catch (e) {
  console.error(`cannot load the ws library from ${wsPath} (set PATH_TO_WS; see BENCHMARKS.md): ${e.message}`);
  process.exit(2);
}
const { WebSocketServer, WebSocket } = ws;

const opt = { host: '127.0.0.1', port: 0, broadcast: false, maxMessage: 1 << 20 };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--host') opt.host = args[++i];
  else if (a === '--port') opt.port = Number(args[++i]);
  else if (a === '--broadcast') opt.broadcast = true;
  else if (a === '--max-message') opt.maxMessage = Number(args[++i]);
  else if (a === '--max-fragments') i++; // accepted as orrery echo does; ws has no fragment cap
  else {
    console.error(`unknown argument ${a}\nusage: node ws_server.js [--host H] [--port P] [--broadcast] [--max-message BYTES] [--max-fragments N]`);
    process.exit(2);
  }
}
if (!['127.0.0.1', 'localhost', '::1'].includes(opt.host)) {
  console.error('loopback hosts only');
  process.exit(2);
}

const wss = new WebSocketServer({
  host: opt.host,
  port: opt.port,
  perMessageDeflate: false,
  clientTracking: true,
  maxPayload: opt.maxMessage,
  backlog: 4096,
});

wss.on('connection', (socket) => {
  socket.on('error', () => {});
  socket.on('message', (data, isBinary) => {
    if (!opt.broadcast) {
      socket.send(data, { binary: isBinary });
      return;
    }
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    }
  });
});

wss.on('listening', () => {
  const a = wss.address();
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  process.stdout.write(`listening ws://${host}:${a.port}/\n`);
});
wss.on('error', (e) => {
  console.error(String(e));
  process.exit(1);
});

function shutdown() {
  for (const c of wss.clients) c.terminate();
  wss.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
