import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserHomes } from './browser.js';
import { section } from './testFixtures.js';

describe('windows browser homes', () => {
  it('takes the laptop users, not the service profiles', () => {
    assert.deepEqual(browserHomes(section('win11-laptop', 'browser')), [
      { user: 'itadmin', home: 'C:\\Users\\itadmin' },
      { user: 'anna', home: 'C:\\Users\\anna' },
      { user: 'AnnaMueller', home: 'C:\\Users\\AnnaMueller' },
    ]);
  });

  it('takes the server users, orphaned ones by folder, not IIS pool identities', () => {
    assert.deepEqual(browserHomes(section('server2022-vm', 'browser')), [
      { user: 'mwilson', home: 'C:\\Users\\mwilson' },
      { user: 'svc-deploy', home: 'C:\\Users\\svc-deploy' },
      { user: 'jdoe.admin', home: 'C:\\Users\\jdoe.admin' },
      { user: 'Administrator', home: 'C:\\Users\\Administrator' },
    ]);
  });

  it('skips Default and Public, and reads a lone profile', () => {
    const sid = 'S-1-5-21-1-2-3-1001';
    assert.deepEqual(browserHomes({ profiles: { SID: sid, LocalPath: 'C:\\Users\\Default', Special: false } }), []);
    assert.deepEqual(browserHomes({ profiles: { SID: sid, LocalPath: 'D:\\Profiles\\kim', Special: 'False', Account: 'CORP\\kim' } }), [{ user: 'kim', home: 'D:\\Profiles\\kim' }]);
    assert.deepEqual(browserHomes(null), []);
  });
});
