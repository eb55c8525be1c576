import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveAction } from '../audit/hook.js';
import { ConfigError, loadConfig } from '../config.js';
import { REDACTED, redact, redactedBody } from '../audit/redact.js';
import { RateLimiter } from '../http/security.js';
import { passwordProblem } from './passwords.js';
import { roleCovers, roleWithin } from './permissions.js';
import { SecretBox } from './secret-box.js';
import { AccessTokens, TokenError } from './tokens.js';
import { base32Decode, base32Encode, hotp, newTotpSecret, otpauthUrl, totpCode, verifyTotp } from './totp.js';

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  // RFC 4226 appendix D: HOTP values of the secret "12345678901234567890".
  const rfcSecret = Buffer.from('12345678901234567890');
  test('HOTP matches the RFC 4226 test vectors', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => assert.equal(hotp(rfcSecret, counter), code));
  });

  test('TOTP matches the RFC 6238 SHA-1 vectors (last 6 of the 8 digits)', () => {
    const secret = base32Encode(rfcSecret);
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
    ];
    for (const [seconds, eight] of vectors) assert.equal(totpCode(secret, seconds * 1000), eight.slice(2));
  });

  test('verify accepts one step either side, and says which', () => {
    const secret = newTotpSecret();
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    assert.equal(verifyTotp(secret, totpCode(secret, now), now), step);
    assert.equal(verifyTotp(secret, totpCode(secret, now - 30_000), now), step - 1);
    assert.equal(verifyTotp(secret, totpCode(secret, now + 30_000), now), step + 1);
    assert.equal(verifyTotp(secret, totpCode(secret, now - 90_000), now), undefined);
    assert.equal(verifyTotp(secret, '12345', now), undefined);
    assert.equal(verifyTotp(secret, 'abcdef', now), undefined);
  });

  test('base32 round-trips, and the otpauth URL carries secret and issuer', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 17, 99]);
    assert.deepEqual(base32Decode(base32Encode(bytes)), bytes);
    const url = new URL(otpauthUrl('JBSWY3DPEHPK3PXP', 'ann@example.test'));
    assert.equal(url.protocol, 'otpauth:');
    assert.equal(url.searchParams.get('secret'), 'JBSWY3DPEHPK3PXP');
    assert.equal(url.searchParams.get('issuer'), 'Muster');
  });
});

describe('password policy', () => {
  const refused: Array<[string, RegExp, string?]> = [
    ['short', /at least 12/],
    ['aaaaaaaaaaaaaaa', /different characters/],
    ['onlylowercaseletters', /mix in another kind/],
    ['ONLYUPPERCASELETTERS', /mix in another kind/],
    ['123456789012345', /mix in another kind|different/],
    ['Password2024!', /common word/],
    ['!!qwerty123456', /common word/],
    ['password1234', /common/],
    ['qwertyuiop123', /common/],
    ['Welcome-2025!!', /common word/],
    ['jane.doe@example.test!', /e-mail address/, 'jane.doe@example.test'],
    ['my name is Janedoe 42', /e-mail name/, 'janedoe@example.test'],
  ];
  for (const [password, why, email] of refused) {
    test(`refuses ${JSON.stringify(password)}`, () => assert.match(passwordProblem(password, email) ?? 'accepted', why));
  }
  test('accepts long passphrases and mixed passwords', () => {
    for (const password of ['correct horse battery staple', 'reading glasses 4821', 'Tenant-walls 2024 hold', 'Zq7!vR2#pL9@', 'ünïcödé Päss 12']) {
      assert.equal(passwordProblem(password, 'someone@example.test'), undefined, password);
    }
  });
});

describe('roles', () => {
  test('a grant never exceeds its grantor', () => {
    assert.ok(roleCovers('admin', 'operator'));
    assert.ok(roleCovers('operator', 'viewer'));
    assert.ok(roleCovers('auditor', 'viewer'));
    assert.ok(!roleCovers('operator', 'auditor'));
    assert.ok(!roleCovers('auditor', 'operator'));
    assert.ok(!roleCovers('viewer', 'operator'));
  });
  test('an API key acts with the largest role within its own and its creator\'s', () => {
    assert.equal(roleWithin('admin', 'admin'), 'admin');
    assert.equal(roleWithin('admin', 'operator'), 'operator');
    assert.equal(roleWithin('operator', 'auditor'), 'viewer');
    assert.equal(roleWithin('auditor', 'admin'), 'auditor');
  });
});

describe('secret box (AES-256-GCM)', () => {
  test('seals and opens; another context or a changed byte fails', async () => {
    const box = new SecretBox(async () => 'server secret of some length 0123456789');
    const sealed = await box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
    assert.equal(await box.open(sealed, 'user-1'), 'JBSWY3DPEHPK3PXP');
    await assert.rejects(box.open(sealed, 'user-2'));
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    await assert.rejects(box.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'user-1'));
    const other = new SecretBox(async () => 'a different server secret 0123456789');
    await assert.rejects(other.open(sealed, 'user-1'));
  });
});

describe('access tokens', () => {
  const tokens = new AccessTokens('unit-test-secret-that-is-long-enough-0123');
  const claims = { userId: '00000000-0000-4000-8000-000000000001', orgId: '00000000-0000-4000-8000-000000000002', role: 'admin' as const, familyId: '00000000-0000-4000-8000-000000000003' };
  test('valid for 15 minutes, then expired', async () => {
    const now = Date.now();
    const token = await tokens.sign(claims, now);
    assert.deepEqual(await tokens.verify(token, now + 14 * 60_000), claims);
    await assert.rejects(tokens.verify(token, now + 16 * 60_000), (e: unknown) => e instanceof TokenError && e.reason === 'expired');
  });
  test('another key, a changed payload or alg none are invalid', async () => {
    const token = await tokens.sign(claims);
    const other = new AccessTokens('another-secret-that-is-long-enough-01234567');
    await assert.rejects(other.verify(token), (e: unknown) => e instanceof TokenError && e.reason === 'invalid');
    const [header, payload, signature] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    forged.role = 'admin';
    forged.org = '00000000-0000-4000-8000-000000000099';
    const changed = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    await assert.rejects(tokens.verify(changed), TokenError);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    await assert.rejects(tokens.verify(none), TokenError);
  });
});

describe('rate limiter', () => {
  test('a bucket of N per minute refills continuously and says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) assert.equal(limiter.take('a'), 0);
    assert.equal(limiter.take('a'), 1);
    assert.equal(limiter.take('b'), 0, 'keys are independent');
    now += 1_000;
    assert.equal(limiter.take('a'), 0, 'one token per second comes back');
    assert.equal(limiter.take('a'), 1);
    assert.equal(limiter.peek('a'), 1);
    now += 120_000;
    limiter.sweep();
    assert.equal(limiter.peek('a'), 0);
    assert.equal(new RateLimiter(0).take('x'), 0, '0 turns it off');
  });
});

describe('audit helpers', () => {
  test('actions are derived from method and route', () => {
    assert.equal(deriveAction('POST', '/api/v1/devices/:id/credential/rotate'), 'devices.credential.rotate');
    assert.equal(deriveAction('PATCH', '/api/v1/devices/:id'), 'devices.update');
    assert.equal(deriveAction('DELETE', '/api/v1/enrollment-tokens/:id'), 'enrollment_tokens.delete');
    assert.equal(deriveAction('POST', '/api/v1/enrollment-tokens'), 'enrollment_tokens.create');
  });
  test('secret-looking fields are redacted at any depth', () => {
    const body = {
      email: 'a@b.test',
      password: 'hunter2hunter2',
      nested: { apiKey: 'mak_x', totpCode: '123456', refreshToken: 'mrt_x', name: 'kept', list: [{ secret: 's', ok: 1 }] },
      current: 'old password',
      new: 'new password',
      credential: 'mdc_x',
    };
    const out = JSON.stringify(redact(body));
    for (const secret of ['hunter2hunter2', 'mak_x', '123456', 'mrt_x', '"s"', 'old password', 'new password', 'mdc_x']) assert.ok(!out.includes(secret), secret);
    assert.match(out, /kept/);
    assert.match(out, /a@b\.test/);
    assert.match(out, new RegExp(REDACTED.replace(/[[\]]/g, '\\$&')));
    assert.match(String((redactedBody({ more: Array.from({ length: 50 }, () => 'y'.repeat(400)) }) as { omitted?: string }).omitted), /^body of \d+ characters$/);
  });
});

describe('security settings', () => {
  test('rate limits default to 1200/600/60 a minute, 0 turns them off, nonsense is refused', () => {
    const defaults = loadConfig({});
    assert.deepEqual([defaults.rateLimitIp, defaults.rateLimitUser, defaults.rateLimitDevice, defaults.corsOrigins], [1200, 600, 60, []]);
    assert.equal(loadConfig({ MUSTER_RATE_LIMIT_DEVICE: '0' }).rateLimitDevice, 0);
    assert.throws(() => loadConfig({ MUSTER_RATE_LIMIT_IP: 'lots' }), (e: unknown) => e instanceof ConfigError && e.setting === 'MUSTER_RATE_LIMIT_IP');
  });
  test('CORS origins are exact origins', () => {
    assert.deepEqual(loadConfig({ MUSTER_CORS_ORIGINS: 'https://a.example.com, http://localhost:5173' }).corsOrigins, ['https://a.example.com', 'http://localhost:5173']);
    for (const bad of ['*', 'https://a.example.com/path', 'ftp://x', 'a.example.com']) {
      assert.throws(() => loadConfig({ MUSTER_CORS_ORIGINS: bad }), (e: unknown) => e instanceof ConfigError && e.setting === 'MUSTER_CORS_ORIGINS', bad);
    }
  });
});
