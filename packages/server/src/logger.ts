import pino from 'pino';

/** Field names that only ever hold secrets: redacted at the top of a log line and one level down. */
const SECRET_FIELDS = ['password', 'token', 'credential', 'newCredential', 'refreshToken', 'accessToken', 'secret', 'apiKey', 'inviteToken', 'acceptPath', 'totpCode', 'otpauthUrl'];
/**
 * Names that hold secrets in request bodies (an API key, a two-factor code, a password change) but
 * mean harmless things elsewhere (`err.code` is the most useful field of an error line): redacted
 * inside bodies and payloads only.
 */
const BODY_SECRET_FIELDS = ['key', 'code', 'current', 'new'];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...BODY_SECRET_FIELDS.flatMap((field) => [`body.${field}`, `req.body.${field}`, `payload.${field}`]),
];

/**
 * Structured JSON logs. Anything that could carry a secret is redacted by path, as a second wall
 * behind never logging secrets in the first place. `destination` lets tests capture the output.
 */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'muster' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
