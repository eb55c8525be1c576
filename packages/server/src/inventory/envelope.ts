import { gunzipSync } from 'node:zlib';
import type { Report } from '@muster/protocol';

/** A report as the ingest workers handle it: who sent it, when, and the report itself. */
export interface ReportEnvelope {
  orgId: string;
  deviceId: string;
  receivedAt: string;
  report: Report;
}

interface EnvelopeHeader {
  v: 2;
  orgId: string;
  deviceId: string;
  receivedAt: string;
  encoding: 'gzip' | 'identity';
}

/**
 * On the bus a report travels as one JSON header line followed by the request body exactly as the
 * agent sent it — still gzip-compressed when it came so. The API does not re-serialise what it
 * just parsed, and the queue carries a sixth of the bytes. The API validated the same bytes before
 * publishing; fields this server does not know (a newer agent's) are kept as sent.
 */
export function encodeEnvelope(header: Omit<EnvelopeHeader, 'v'>, rawBody: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify({ v: 2, ...header })}\n`), rawBody]);
}

export function decodeEnvelope(data: Uint8Array): ReportEnvelope {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new Error('envelope has no header line');
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as EnvelopeHeader;
  if (header.v !== 2) throw new Error(`unknown envelope version ${String(header.v)}`);
  const body = bytes.subarray(newline + 1);
  const json = header.encoding === 'gzip' ? gunzipSync(body) : body;
  return { orgId: header.orgId, deviceId: header.deviceId, receivedAt: header.receivedAt, report: JSON.parse(json.toString('utf8')) as Report };
}
