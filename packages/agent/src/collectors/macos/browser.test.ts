import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserHomes } from './browser.js';
import { fixture } from './fixture-context.js';

test('Sonoma MacBook Pro: the three people with homes under /Users, not root or service accounts', () => {
  assert.deepEqual(browserHomes(fixture('sonoma-mbp', 'dscl-users.txt')), [
    { user: 'anna', home: '/Users/anna' },
    { user: 'tom', home: '/Users/tom' },
    { user: 'intern', home: '/Users/intern' },
  ]);
});

test('Ventura iMac: the domain user and the local user; the admin hidden below 500 in /var is left out', () => {
  assert.deepEqual(browserHomes(fixture('ventura-imac', 'dscl-users.txt')), [
    { user: 'jdoe', home: '/Users/jdoe' },
    { user: 'marco', home: '/Users/marco' },
  ]);
});

test('no dscl output, no homes', () => {
  assert.deepEqual(browserHomes(undefined), []);
});
