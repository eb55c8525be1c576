import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { PushMessage, validate } from '@muster/protocol';
import { silentLogger, type Logger } from './log.js';
import { Backoff, endpointUrl, type Transport } from './transport.js';
import { AGENT_VERSION } from './version.js';

/**
 * A minimal RFC 6455 client over a node:http(s) upgrade: text messages, ping/pong, close. It is
 * all the push channel needs (small JSON messages from the server), and it keeps the agent free
 * of npm dependencies. Client frames are masked; server frames must not be; frames and messages
 * over 64 KiB, binary frames and extensions are refused with the matching close code.
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
export const MAX_MESSAGE_BYTES = 64 * 1024;

const OP = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** One client frame: FIN set, payload masked with a fresh random key (RFC 6455 §5.3). */
export function encodeClientFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const extended = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const frame = Buffer.allocUnsafe(2 + extended + 4 + length);
  frame[0] = 0x80 | opcode;
  if (extended === 0) frame[1] = 0x80 | length;
  else if (extended === 2) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  mask.copy(frame, 2 + extended);
  const start = 2 + extended + 4;
  for (let i = 0; i < length; i++) frame[start + i] = payload[i]! ^ mask[i & 3]!;
  return frame;
}

export class WebSocketProtocolError extends Error {
  constructor(
    message: string,
    readonly closeCode: number,
  ) {
    super(message);
  }
}

/** An open connection. Events: 'message' (text), 'pong', 'close' (code, reason). */
export class WebSocketConnection extends EventEmitter {
  private buffer: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentBytes = 0;
  private closeSent = false;
  private closed = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly socket: Duplex,
    head: Buffer,
    private readonly maxMessageBytes = MAX_MESSAGE_BYTES,
  ) {
    super();
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.finish(1006, 'connection lost'));
    socket.on('error', () => this.finish(1006, 'connection error'));
    socket.on('end', () => this.finish(1006, 'connection ended'));
    // Frames that came with the handshake wait until the caller has attached its listeners (it gets
    // this object from a promise); the socket is paused meanwhile so that nothing overtakes them.
    socket.pause();
    setImmediate(() => {
      if (head.length) this.onData(head);
      socket.resume();
    });
  }

  get isOpen(): boolean {
    return !this.closed && !this.closeSent;
  }

  send(text: string): void {
    if (this.isOpen) this.socket.write(encodeClientFrame(OP.text, Buffer.from(text, 'utf8')));
  }

  ping(data: Buffer = Buffer.alloc(0)): void {
    if (this.isOpen) this.socket.write(encodeClientFrame(OP.ping, data));
  }

  /** Starts the closing handshake; the socket is dropped if the server does not answer in time. */
  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    if (!this.closeSent) {
      this.closeSent = true;
      const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
      payload.writeUInt16BE(code, 0);
      payload.write(reason, 2);
      this.socket.write(encodeClientFrame(OP.close, payload));
    }
    setTimeout(() => this.socket.destroy(), 2_000).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private finish(code: number, reason: string, graceful = false): void {
    if (this.closed) return;
    this.closed = true;
    // A graceful close has already ended the socket, which flushes the close echo first.
    if (!graceful) this.socket.destroy();
    this.emit('close', code, reason);
  }

  private fail(error: WebSocketProtocolError): void {
    this.emit('protocolError', error);
    this.close(error.closeCode, error.message.slice(0, 100));
    this.buffer = Buffer.alloc(0);
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    try {
      while (this.parseFrame());
    } catch (error) {
      if (error instanceof WebSocketProtocolError) this.fail(error);
      else throw error;
    }
  }

  /** Consumes one whole frame from the buffer; false when more bytes are needed. */
  private parseFrame(): boolean {
    const b = this.buffer;
    if (b.length < 2) return false;
    const fin = (b[0]! & 0x80) !== 0;
    const rsv = b[0]! & 0x70;
    const opcode = b[0]! & 0x0f;
    const masked = (b[1]! & 0x80) !== 0;
    let length = b[1]! & 0x7f;
    let offset = 2;
    if (rsv) throw new WebSocketProtocolError('reserved bits set without a negotiated extension', 1002);
    if (masked) throw new WebSocketProtocolError('server frames must not be masked', 1002);
    if (length === 126) {
      if (b.length < 4) return false;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return false;
      const big = b.readBigUInt64BE(2);
      if (big > BigInt(this.maxMessageBytes)) throw new WebSocketProtocolError(`frame of ${big} bytes exceeds ${this.maxMessageBytes}`, 1009);
      length = Number(big);
      offset = 10;
    }
    // Checked before the payload arrives, so a huge frame is refused without buffering it.
    if (length > this.maxMessageBytes) throw new WebSocketProtocolError(`frame of ${length} bytes exceeds ${this.maxMessageBytes}`, 1009);
    if (opcode >= 0x8 && (!fin || length > 125)) throw new WebSocketProtocolError('invalid control frame', 1002);
    if (b.length < offset + length) return false;
    const payload = b.subarray(offset, offset + length);
    this.buffer = b.subarray(offset + length);

    switch (opcode) {
      case OP.ping:
        if (!this.closeSent) this.socket.write(encodeClientFrame(OP.pong, Buffer.from(payload)));
        return true;
      case OP.pong:
        this.emit('pong');
        return true;
      case OP.close: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        const reason = payload.length > 2 ? payload.subarray(2).toString('utf8') : '';
        if (!this.closeSent) {
          this.closeSent = true;
          const echo = payload.length >= 2 ? Buffer.from(payload.subarray(0, 2)) : Buffer.alloc(0);
          this.socket.write(encodeClientFrame(OP.close, echo));
        }
        this.socket.end();
        this.finish(code, reason, true);
        return false;
      }
      case OP.binary:
        throw new WebSocketProtocolError('binary messages are not supported', 1003);
      case OP.text:
      case OP.continuation: {
        if (opcode === OP.text && this.fragments.length) throw new WebSocketProtocolError('new message inside a fragmented one', 1002);
        if (opcode === OP.continuation && !this.fragments.length) throw new WebSocketProtocolError('continuation without a message', 1002);
        this.fragmentBytes += payload.length;
        if (this.fragmentBytes > this.maxMessageBytes) throw new WebSocketProtocolError(`message exceeds ${this.maxMessageBytes} bytes`, 1009);
        this.fragments.push(Buffer.from(payload));
        if (!fin) return true;
        const whole = Buffer.concat(this.fragments);
        this.fragments = [];
        this.fragmentBytes = 0;
        let text: string;
        try {
          text = this.decoder.decode(whole);
        } catch {
          throw new WebSocketProtocolError('text message is not valid UTF-8', 1007);
        }
        this.emit('message', text);
        return true;
      }
      default:
        throw new WebSocketProtocolError(`unknown opcode ${opcode}`, 1002);
    }
  }
}

export class WebSocketHandshakeError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Opens a WebSocket to `path` on the transport's server, with its TLS settings and Bearer credential. */
export function connectWebSocket(transport: Transport, path: string, options: { timeoutMs?: number; maxMessageBytes?: number } = {}): Promise<WebSocketConnection> {
  const { url: base, module, tlsOptions } = transport.connection();
  const url = endpointUrl(base, path);
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = module.request(url, {
      method: 'GET',
      agent: false,
      ...tlsOptions,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': key,
        'sec-websocket-version': '13',
        'user-agent': `muster-agent/${AGENT_VERSION}`,
        ...transport.authHeader(),
      },
    });
    const timer = setTimeout(() => req.destroy(new WebSocketHandshakeError('WebSocket handshake timed out')), options.timeoutMs ?? 15_000);
    timer.unref();
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res: http.IncomingMessage) => {
      clearTimeout(timer);
      res.resume();
      reject(new WebSocketHandshakeError(`server answered HTTP ${res.statusCode} instead of switching to WebSocket`, res.statusCode));
    });
    req.on('upgrade', (res: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      clearTimeout(timer);
      const upgrade = String(res.headers.upgrade ?? '').toLowerCase();
      if (res.statusCode !== 101 || upgrade !== 'websocket' || res.headers['sec-websocket-accept'] !== acceptKey(key)) {
        socket.destroy();
        reject(new WebSocketHandshakeError('invalid WebSocket handshake response'));
        return;
      }
      if (res.headers['sec-websocket-extensions']) {
        socket.destroy();
        reject(new WebSocketHandshakeError('server negotiated an extension the agent did not offer'));
        return;
      }
      resolve(new WebSocketConnection(socket, head, options.maxMessageBytes));
    });
    req.end();
  });
}

export interface PushChannelOptions {
  transport: Transport;
  onPush: (message: PushMessage) => void;
  log?: Logger;
  path?: string;
  /** How often the client pings; a connection silent for two intervals is considered dead. */
  heartbeatMs?: number;
  backoff?: Backoff;
  /** Told when the channel goes up or down, e.g. to record it in the status file. */
  onState?: (connected: boolean) => void;
}

/**
 * The push channel: keeps a WebSocket to /agent/v1/ws open, reconnecting with backoff. Messages
 * are validated as PushMessage; anything else is logged and ignored. When it is down the runner's
 * periodic check-ins carry on regardless, so push only makes work arrive sooner.
 */
export class PushChannel {
  private connection: WebSocketConnection | undefined;
  private stopped = true;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private lastHeard = 0;
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private readonly heartbeatMs: number;

  constructor(private readonly options: PushChannelOptions) {
    this.log = options.log ?? silentLogger;
    this.backoff = options.backoff ?? new Backoff();
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
  }

  get connected(): boolean {
    return this.connection?.isOpen ?? false;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    this.connection?.close(1001, 'agent stopping');
    this.connection = undefined;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let connection: WebSocketConnection;
    try {
      connection = await connectWebSocket(this.options.transport, this.options.path ?? '/agent/v1/ws');
    } catch (error) {
      this.scheduleReconnect(error);
      return;
    }
    if (this.stopped) {
      connection.close(1001, 'agent stopping');
      return;
    }
    this.connection = connection;
    this.lastHeard = Date.now();
    this.backoff.reset();
    this.log.info('push channel connected');
    this.options.onState?.(true);
    connection.on('message', (text: string) => {
      this.lastHeard = Date.now();
      this.handle(text);
    });
    connection.on('pong', () => {
      this.lastHeard = Date.now();
    });
    connection.on('protocolError', (error: WebSocketProtocolError) => this.log.warn('push channel: protocol error, closing', { error: error.message, closeCode: error.closeCode }));
    connection.on('close', (code: number, reason: string) => {
      clearInterval(this.heartbeat);
      if (this.connection === connection) this.connection = undefined;
      this.options.onState?.(false);
      if (!this.stopped) this.scheduleReconnect(new Error(`closed (${code}${reason ? `: ${reason}` : ''})`));
    });
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastHeard > 2 * this.heartbeatMs) {
        this.log.warn('push channel: no answer to pings, reconnecting');
        connection.destroy();
        return;
      }
      connection.ping();
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private scheduleReconnect(error: unknown): void {
    if (this.stopped) return;
    const delay = this.backoff.next();
    this.log.info('push channel unavailable, polling meanwhile', { error: (error as Error)?.message ?? String(error), retryInMs: delay });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  /** Parses and validates one server message; a bad one is logged and ignored, never fatal. */
  handle(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.log.warn('push channel: message is not JSON, ignored', { bytes: Buffer.byteLength(text) });
      return;
    }
    const checked = validate(PushMessage, value);
    if (!checked.ok) {
      this.log.warn('push channel: unknown or malformed message, ignored', { issues: checked.issues.slice(0, 3) });
      return;
    }
    try {
      this.options.onPush(checked.value);
    } catch (error) {
      this.log.error('push channel: handler failed', { error });
    }
  }
}
