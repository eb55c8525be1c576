/**
 * What of a request body goes into the audit log: everything but secrets. A field is dropped by
 * its name (password, token, secret, credential, key, code, hash and their compounds: apiKey,
 * totpCode, refreshToken, newPassword…), whatever its value, at any depth. Large bodies are
 * summarised rather than copied: the audit log records decisions, not payloads.
 */
const SECRET_NAME = /(pass(word|phrase)?|token|secret|credential|authorization|cookie|hash|totp|signature|private)|(key|code|pin|current|new)$/i;
export const REDACTED = '[redacted]';
const MAX_DEPTH = 6;
const MAX_KEYS = 100;
const MAX_ARRAY = 50;
const MAX_STRING = 500;
const MAX_JSON = 8_192;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ARRAY).map((item) => redact(item, depth + 1));
    return value.length > MAX_ARRAY ? [...items, `… ${value.length - MAX_ARRAY} more`] : items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>).slice(0, MAX_KEYS)) {
      out[key] = isSecretName(key) ? REDACTED : redact(item, depth + 1);
    }
    return out;
  }
  return undefined;
}

/** The redacted body, or a note of its size when even redacted it is too large to keep. */
export function redactedBody(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  const copy = redact(body);
  const size = JSON.stringify(copy)?.length ?? 0;
  return size > MAX_JSON ? { omitted: `body of ${size} characters` } : copy;
}
