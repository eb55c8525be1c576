/**
 * For the Windows parser tests only: loading the recorded outputs in
 * packages/agent/test/fixtures/windows and checking parsed sections against the protocol.
 *
 * inventory-win11-laptop.json / metrics-win11-laptop.json: a Dell Latitude 5440 on Windows 11 Pro
 * 23H2, Entra ID-joined, BitLocker on, Defender plus an expired McAfee in Security Center, Wi-Fi,
 * Ethernet, Bluetooth PAN and a Hyper-V vEthernet adapter, IPv6, a loaded per-user hive.
 * inventory-server2022-vm.json / metrics-server2022-vm.json: a Hyper-V guest on Windows Server 2022
 * Standard, domain-joined, no battery, no Security Center, no BitLocker feature, no TPM, an RDP
 * session, hot fixes with empty InstalledOn, broken performance counters.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validate } from '@muster/protocol';
import { parseScriptOutput, sectionRaw } from './powershell.js';
import type { RawObject } from './values.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/windows');

export const MACHINES = ['win11-laptop', 'server2022-vm'] as const;
export type Machine = (typeof MACHINES)[number];

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function inventory(machine: Machine): RawObject {
  return parseScriptOutput(fixtureText(`inventory-${machine}.json`), 'muster-inventory');
}

export function section(machine: Machine, name: string): RawObject {
  return sectionRaw(inventory(machine), name) as RawObject;
}

export function metricsRaw(machine: Machine): RawObject {
  return parseScriptOutput(fixtureText(`metrics-${machine}.json`), 'muster-metrics');
}

/** A deep copy to bend into a quirk without touching the shared fixture. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Asserts that a parsed section satisfies its protocol schema, naming the offending paths. */
export function assertValid(schema: Parameters<typeof validate>[0], value: unknown): void {
  const result = validate(schema, value);
  assert.ok(result.ok, result.ok ? '' : `schema violations: ${JSON.stringify(result.issues, null, 2)}`);
}
