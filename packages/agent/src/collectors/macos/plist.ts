import type { CollectContext } from '../context.js';
import { BIN, run } from './util.js';

/**
 * A small reader for XML property lists (Apple's PropertyList-1.0 DTD): InstallHistory.plist,
 * launchd job definitions, package receipts and preference files. Binary plists are first turned
 * into XML by `plutil -convert xml1` (not json: JSON cannot hold <date> and <data>, so plutil
 * refuses the conversion for exactly the files we need, receipts and SoftwareUpdate prefs).
 *
 * Dates stay ISO 8601 strings, <data> stays base64 text: nothing here needs them decoded.
 */
export type PlistValue = string | number | boolean | PlistValue[] | PlistDict;
export interface PlistDict {
  [key: string]: PlistValue;
}

type Token = { kind: 'open' | 'close' | 'empty'; name: string } | { kind: 'text'; text: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      tokens.push({ kind: 'text', text: decodeEntities(xml.slice(i)) });
      break;
    }
    if (lt > i) tokens.push({ kind: 'text', text: decodeEntities(xml.slice(i, lt)) });
    // Declarations, doctype and comments carry no data.
    if (xml.startsWith('<?', lt)) {
      i = end(xml, '?>', lt);
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      i = end(xml, '-->', lt);
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt);
      if (close < 0) throw new Error('plist: unterminated CDATA');
      tokens.push({ kind: 'text', text: xml.slice(lt + 9, close) });
      i = close + 3;
      continue;
    }
    if (xml.startsWith('<!', lt)) {
      i = end(xml, '>', lt);
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error('plist: unterminated tag');
    const body = xml.slice(lt + 1, gt).trim();
    const name = /^\/?\s*([A-Za-z][\w-]*)/.exec(body)?.[1] ?? '';
    if (body.startsWith('/')) tokens.push({ kind: 'close', name });
    else if (body.endsWith('/')) tokens.push({ kind: 'empty', name });
    else tokens.push({ kind: 'open', name });
    i = gt + 1;
  }
  return tokens;
}

function end(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  if (at < 0) throw new Error(`plist: missing ${marker}`);
  return at + marker.length;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  /** The next element token, skipping the whitespace between elements. */
  private nextElement(): Token | undefined {
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++] as Token;
      if (token.kind === 'text' && token.text.trim() === '') continue;
      return token;
    }
    return undefined;
  }

  /** Text up to the closing tag of `name` (empty when the element is empty). */
  private textUntilClose(name: string): string {
    let text = '';
    for (;;) {
      const token = this.tokens[this.pos++];
      if (!token) throw new Error(`plist: unterminated <${name}>`);
      if (token.kind === 'text') text += token.text;
      else if (token.kind === 'close' && token.name === name) return text;
      else throw new Error(`plist: unexpected <${token.name}> inside <${name}>`);
    }
  }

  document(): PlistValue | undefined {
    for (;;) {
      const token = this.nextElement();
      if (!token) return undefined;
      if (token.kind === 'open' && token.name === 'plist') {
        const value = this.value();
        return value;
      }
      if (token.kind === 'empty' && token.name === 'plist') return undefined;
      if (token.kind === 'open' || token.kind === 'empty') {
        // A bare value without the <plist> wrapper (dscl prints some that way): read it as is.
        this.pos--;
        return this.value();
      }
    }
  }

  value(): PlistValue {
    const token = this.nextElement();
    if (!token || token.kind === 'text' || token.kind === 'close') throw new Error('plist: expected a value');
    const { name } = token;
    if (token.kind === 'empty') {
      switch (name) {
        case 'true':
          return true;
        case 'false':
          return false;
        case 'dict':
          return {};
        case 'array':
          return [];
        case 'string':
        case 'data':
        case 'date':
          return '';
        default:
          throw new Error(`plist: unknown element <${name}/>`);
      }
    }
    switch (name) {
      case 'dict':
        return this.dict();
      case 'array':
        return this.array();
      case 'string':
      case 'date':
        return this.textUntilClose(name);
      case 'data':
        return this.textUntilClose(name).replace(/\s+/g, '');
      case 'integer':
      case 'real': {
        const text = this.textUntilClose(name).trim();
        const n = Number(text);
        if (!Number.isFinite(n)) throw new Error(`plist: bad number ${text}`);
        return n;
      }
      case 'true':
        this.textUntilClose(name);
        return true;
      case 'false':
        this.textUntilClose(name);
        return false;
      default:
        throw new Error(`plist: unknown element <${name}>`);
    }
  }

  private dict(): PlistDict {
    const dict: PlistDict = {};
    for (;;) {
      const token = this.nextElement();
      if (!token) throw new Error('plist: unterminated <dict>');
      if (token.kind === 'close' && token.name === 'dict') return dict;
      if (token.kind === 'empty' && token.name === 'key') {
        dict[''] = this.value();
        continue;
      }
      if (token.kind !== 'open' || token.name !== 'key') throw new Error('plist: expected <key> in <dict>');
      const key = this.textUntilClose('key');
      dict[key] = this.value();
    }
  }

  private array(): PlistValue[] {
    const items: PlistValue[] = [];
    for (;;) {
      const token = this.nextElement();
      if (!token) throw new Error('plist: unterminated <array>');
      if (token.kind === 'close' && token.name === 'array') return items;
      this.pos--;
      items.push(this.value());
    }
  }
}

/** Parses an XML plist; throws on malformed input. */
export function parsePlist(xml: string): PlistValue | undefined {
  return new Parser(tokenize(xml)).document();
}

/** Parses an XML plist, or undefined when it is not one (a corrupt file loses that file, not the section). */
export function tryParsePlist(xml: string | undefined): PlistValue | undefined {
  if (!xml) return undefined;
  try {
    return parsePlist(xml);
  } catch {
    return undefined;
  }
}

export function plistDict(value: PlistValue | undefined): PlistDict | undefined {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

export function plistString(value: PlistValue | undefined): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function plistArray(value: PlistValue | undefined): PlistValue[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Reads a plist file of any format: XML straight from the file, binary (and old ASCII) ones
 * through plutil. readText decodes as UTF-8, which mangles binary content but keeps the ASCII
 * "bplist00" magic readable, which is all we look at.
 */
export async function readPlist(ctx: CollectContext, path: string): Promise<PlistValue | undefined> {
  const text = await ctx.readText(path, 32 * 1024 * 1024);
  if (text === undefined) return undefined;
  if (text.trimStart().startsWith('<')) return tryParsePlist(text);
  const xml = await run(ctx, BIN.plutil, ['-convert', 'xml1', '-o', '-', path]).catch(() => undefined);
  return tryParsePlist(xml);
}
