import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { SectionSchemas, validate, type SectionName } from '@muster/protocol';

/** Fixture files recorded from real machines or written to match their formats: packages/agent/test/fixtures/linux. */
const FIXTURES = new URL('../../../test/fixtures/linux/', import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(new URL(name, FIXTURES));
}

/** The section matches its wire schema (string bounds, required fields, types). */
export function assertValidSection(section: SectionName, data: unknown): void {
  const result = validate(SectionSchemas[section], data);
  assert.ok(result.ok, result.ok ? '' : `${section}: ${JSON.stringify(result.issues)}`);
}
