import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { tempDir } from './machine.js';

/** A request as the test server saw it, body already decompressed. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  rawLength: number;
  body: string;
  json: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw text instead of JSON. */
  text?: string;
  /** Raw bytes instead of JSON (e.g. a gzip-encoded body). */
  raw?: Buffer;
  /** Do not answer at all (timeouts). */
  hang?: boolean;
}

export type Handler = (request: SeenRequest) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  requests: SeenRequest[];
  server: http.Server;
  handle: (path: string, handler: Handler) => void;
  close: () => Promise<void>;
}

/** A throwaway HTTP(S) server on 127.0.0.1 that records what it receives and answers per path. */
export async function startServer(options: { tls?: { key: string; cert: string } } = {}): Promise<TestServer> {
  const handlers = new Map<string, Handler>();
  const requests: SeenRequest[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks);
        const body = (req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8');
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawLength: raw.length, body, json };
        requests.push(seen);
        const handler = handlers.get((req.url ?? '').split('?')[0]!);
        const reply = handler ? await handler(seen) : { status: 404, body: { error: { code: 'not_found', message: 'no such route' } } };
        if (reply.hang) return;
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.raw ?? reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
      })();
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${options.tls ? 'localhost' : '127.0.0.1'}:${port}`,
    requests,
    server,
    handle: (p, h) => void handlers.set(p, h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A self-signed certificate for localhost/127.0.0.1 made with openssl, or undefined when openssl is missing. */
export function selfSignedCert(): { key: string; cert: string; certFile: string } | undefined {
  const dir = tempDir('muster-agent-tls-');
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout', keyFile, '-out', certFile,
      ],
      { stdio: 'ignore' },
    );
  } catch {
    return undefined;
  }
  return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile };
}
