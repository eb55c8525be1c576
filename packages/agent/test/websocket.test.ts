import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { PushMessage } from '@muster/protocol';
import { memoryLogger } from '../src/log.js';
import { Backoff, Transport } from '../src/transport.js';
import { PushChannel, WebSocketHandshakeError, connectWebSocket, type WebSocketConnection } from '../src/websocket.js';

/**
 * A tiny WebSocket server written against RFC 6455 independently of the client: it frames what it
 * sends by hand and checks that every client frame is masked.
 */
interface ServerFrame {
  fin: boolean;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

function serverFrame(opcode: number, payload: Buffer | string, options: { fin?: boolean; mask?: boolean; declaredLength?: number } = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = options.declaredLength ?? data.length;
  const head: number[] = [(options.fin === false ? 0 : 0x80) | opcode];
  const maskBit = options.mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65_536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  const mask = options.mask ? [1, 2, 3, 4] : [];
  const body = options.mask ? Buffer.from(data.map((b, i) => b ^ mask[i % 4]!)) : data;
  return Buffer.concat([Buffer.from(head), Buffer.from(mask), body]);
}

function parseClientFrames(buffer: Buffer): { frames: ServerFrame[]; rest: Buffer } {
  const frames: ServerFrame[] = [];
  let b = buffer;
  for (;;) {
    if (b.length < 2) break;
    const fin = (b[0]! & 0x80) !== 0;
    const opcode = b[0]! & 0x0f;
    const masked = (b[1]! & 0x80) !== 0;
    let length = b[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    const maskKey = masked ? b.subarray(offset, offset + 4) : Buffer.alloc(4);
    offset += masked ? 4 : 0;
    if (b.length < offset + length) break;
    const payload = Buffer.from(b.subarray(offset, offset + length).map((x, i) => x ^ maskKey[i % 4]!));
    frames.push({ fin, opcode, masked, payload });
    b = b.subarray(offset + length);
  }
  return { frames, rest: b };
}

interface Peer {
  socket: Duplex;
  headers: http.IncomingHttpHeaders;
  frames: ServerFrame[];
  nextFrame: () => Promise<ServerFrame>;
}

async function wsServer(options: { badAccept?: boolean; status?: number } = {}) {
  const peers: Peer[] = [];
  const waiting: Array<(peer: Peer) => void> = [];
  const server = http.createServer((_req, res) => {
    res.writeHead(options.status ?? 404);
    res.end();
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    if (options.status) {
      socket.end(`HTTP/1.1 ${options.status} Nope\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const key = String(req.headers['sec-websocket-key']);
    const accept = options.badAccept ? 'wrong' : createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    let buffer: Buffer = Buffer.alloc(0);
    const frames: ServerFrame[] = [];
    const frameWaiters: Array<(f: ServerFrame) => void> = [];
    socket.on('data', (chunk: Buffer) => {
      const parsed = parseClientFrames(Buffer.concat([buffer, chunk]));
      buffer = parsed.rest;
      for (const frame of parsed.frames) {
        const waiter = frameWaiters.shift();
        if (waiter) waiter(frame);
        else frames.push(frame);
      }
    });
    socket.on('error', () => undefined);
    const peer: Peer = {
      socket,
      headers: req.headers,
      frames,
      nextFrame: () => new Promise((resolve) => (frames.length ? resolve(frames.shift()!) : frameWaiters.push(resolve))),
    };
    peers.push(peer);
    waiting.shift()?.(peer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    peers,
    nextPeer: () => new Promise<Peer>((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of peers) p.socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function nextEvent<T extends unknown[]>(emitter: WebSocketConnection, event: string): Promise<T> {
  return new Promise((resolve) => emitter.once(event, (...args: unknown[]) => resolve(args as T)));
}

describe('WebSocket client', () => {
  let ws: Awaited<ReturnType<typeof wsServer>>;
  let transport: Transport;
  before(async () => {
    ws = await wsServer();
    transport = new Transport({ server: ws.url, credential: () => 'device-secret' });
  });
  after(async () => {
    transport.close();
    await ws.close();
  });

  async function open(): Promise<{ connection: WebSocketConnection; peer: Peer }> {
    const peerP = ws.nextPeer();
    const connection = await connectWebSocket(transport, '/agent/v1/ws');
    return { connection, peer: await peerP };
  }

  test('handshake with the Bearer credential; text both ways; client frames are masked', async () => {
    const { connection, peer } = await open();
    assert.equal(peer.headers.authorization, 'Bearer device-secret');
    assert.equal(peer.headers['sec-websocket-version'], '13');
    const message = nextEvent<[string]>(connection, 'message');
    peer.socket.write(serverFrame(0x1, '{"type":"ping"}'));
    assert.deepEqual(await message, ['{"type":"ping"}']);
    connection.send('hello server');
    const frame = await peer.nextFrame();
    assert.equal(frame.opcode, 0x1);
    assert.equal(frame.masked, true);
    assert.equal(frame.payload.toString(), 'hello server');
    connection.destroy();
  });

  test('ping is answered with a masked pong carrying the same data', async () => {
    const { connection, peer } = await open();
    peer.socket.write(serverFrame(0x9, 'are-you-there'));
    const pong = await peer.nextFrame();
    assert.equal(pong.opcode, 0xa);
    assert.equal(pong.masked, true);
    assert.equal(pong.payload.toString(), 'are-you-there');
    connection.destroy();
  });

  test('a fragmented message is reassembled', async () => {
    const { connection, peer } = await open();
    const message = nextEvent<[string]>(connection, 'message');
    peer.socket.write(Buffer.concat([serverFrame(0x1, '{"type":', { fin: false }), serverFrame(0x9, ''), serverFrame(0x0, '"ping"}')]));
    assert.deepEqual(await message, ['{"type":"ping"}']);
    connection.destroy();
  });

  test('the server closing is echoed and reported', async () => {
    const { connection, peer } = await open();
    const closed = nextEvent<[number, string]>(connection, 'close');
    const payload = Buffer.alloc(2 + 3);
    payload.writeUInt16BE(1001, 0);
    payload.write('bye', 2);
    peer.socket.write(serverFrame(0x8, payload));
    assert.deepEqual(await closed, [1001, 'bye']);
    const echo = await peer.nextFrame();
    assert.equal(echo.opcode, 0x8);
    assert.equal(echo.payload.readUInt16BE(0), 1001);
  });

  for (const [name, frame, code] of [
    ['a frame over 64 KiB is refused with 1009 before its payload arrives', serverFrame(0x1, Buffer.alloc(10), { declaredLength: 70_000 }), 1009],
    ['a masked server frame is a protocol error (1002)', serverFrame(0x1, 'hi', { mask: true }), 1002],
    ['binary frames are refused (1003)', serverFrame(0x2, Buffer.from([1, 2, 3])), 1003],
  ] as const) {
    test(name, async () => {
      const { connection, peer } = await open();
      let messages = 0;
      connection.on('message', () => messages++);
      peer.socket.write(frame);
      const close = await peer.nextFrame();
      assert.equal(close.opcode, 0x8);
      assert.equal(close.payload.readUInt16BE(0), code);
      assert.equal(messages, 0);
      connection.destroy();
    });
  }

  test('a wrong Sec-WebSocket-Accept or a non-101 answer fails the handshake', async () => {
    const bad = await wsServer({ badAccept: true });
    const t1 = new Transport({ server: bad.url });
    await assert.rejects(connectWebSocket(t1, '/agent/v1/ws'), WebSocketHandshakeError);
    await bad.close();
    const missing = await wsServer({ status: 404 });
    const t2 = new Transport({ server: missing.url });
    await assert.rejects(connectWebSocket(t2, '/agent/v1/ws'), (error: unknown) => error instanceof WebSocketHandshakeError && error.status === 404);
    await missing.close();
  });
});

describe('push channel', () => {
  test('delivers valid messages, ignores malformed ones, and reconnects after a drop', async () => {
    const ws = await wsServer();
    const transport = new Transport({ server: ws.url, credential: () => 'device-secret' });
    const log = memoryLogger();
    const received: PushMessage[] = [];
    let onMessage: (() => void) | undefined;
    const channel = new PushChannel({
      transport,
      log,
      backoff: new Backoff(10, 50, () => 0.5),
      onPush: (m) => {
        received.push(m);
        onMessage?.();
      },
    });
    const firstPeer = ws.nextPeer();
    channel.start();
    const peer = await firstPeer;
    const got = (n: number) => new Promise<void>((resolve) => (onMessage = () => received.length >= n && resolve()));

    const two = got(2);
    peer.socket.write(serverFrame(0x1, 'not json'));
    peer.socket.write(serverFrame(0x1, JSON.stringify({ type: 'self-destruct' })));
    peer.socket.write(serverFrame(0x1, JSON.stringify({ type: 'config', config: { checkinIntervalSec: 1, inventoryIntervalSec: 900, metricsIntervalSec: 60 } })));
    peer.socket.write(serverFrame(0x1, JSON.stringify({ type: 'work', count: 2 })));
    peer.socket.write(serverFrame(0x1, JSON.stringify({ type: 'collect', sections: ['software'] })));
    await two;
    assert.deepEqual(received, [
      { type: 'work', count: 2 },
      { type: 'collect', sections: ['software'] },
    ]);
    assert.equal(log.lines.filter((l) => l.msg.includes('ignored')).length, 3, 'not JSON, unknown type, config under its floor');
    assert.ok(channel.connected);

    // The connection drops: the channel comes back by itself.
    const secondPeer = ws.nextPeer();
    peer.socket.destroy();
    const again = await secondPeer;
    const three = got(3);
    again.socket.write(serverFrame(0x1, JSON.stringify({ type: 'ping' })));
    await three;
    assert.deepEqual(received.at(-1), { type: 'ping' });
    assert.ok(!JSON.stringify(log.lines).includes('device-secret'), 'the credential is never logged');
    channel.stop();
    transport.close();
    await ws.close();
  });
});
