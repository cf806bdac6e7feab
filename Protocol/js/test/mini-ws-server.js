// A minimal RFC 6455 server on 127.0.0.1 for loopback tests of the client over a real WebSocket: handshake with
// subprotocol selection, masked client frames (no fragmentation), unmasked binary server frames, close frames.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * Starts a server; `onConnection(conn, request)` gets `conn.send(bytes)`, `conn.close(code)`, `conn.destroy()` and
 * sets `conn.onMessage(bytes)`. Resolves to `{url, stop()}` (url without path).
 */
export async function startMiniServer(onConnection, { subprotocol = 'orrery.v1' } = {}) {
  const sockets = new Set();
  const server = createServer((request, response) => response.writeHead(426).end());
  server.on('upgrade', (request, socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const accept = createHash('sha1').update(request.headers['sec-websocket-key'] + GUID).digest('base64');
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const selected = subprotocol && offered.includes(subprotocol) ? `Sec-WebSocket-Protocol: ${subprotocol}\r\n` : '';
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Accept: ${accept}\r\n${selected}\r\n`);
    const frame = (opcode, payload) => {
      const header = payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length])
        : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 255]);
      socket.write(Buffer.concat([header, payload]));
    };
    const conn = {
      onMessage: (bytes) => {},
      send: (bytes) => frame(2, Buffer.from(bytes)),
      close: (code) => {
        frame(8, Buffer.from([code >> 8, code & 255]));
        socket.end();
      },
      destroy: () => socket.destroy(),
    };
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (buffered.length < 2) return;
        const opcode = buffered[0] & 15;
        let length = buffered[1] & 127;
        let at = 2;
        if (length === 126) {
          if (buffered.length < 4) return;
          length = buffered.readUInt16BE(2);
          at = 4;
        }
        if (buffered.length < at + 4 + length) return;
        const mask = buffered.subarray(at, at + 4);
        const payload = Buffer.from(buffered.subarray(at + 4, at + 4 + length));
        for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
        buffered = buffered.subarray(at + 4 + length);
        if (opcode === 2) conn.onMessage(new Uint8Array(payload));
        else if (opcode === 8) {
          frame(8, payload.subarray(0, 2));
          socket.end();
        }
      }
    });
    onConnection(conn, request);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(resolve);
    }),
  };
}
