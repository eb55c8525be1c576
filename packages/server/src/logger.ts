import pino from 'pino';

/**
 * Structured JSON logs. Anything that could carry a secret is redacted by path, as a second wall
 * behind never logging secrets in the first place.
 */
export function createLogger(level: pino.LevelWithSilent): pino.Logger {
  return pino({
    level,
    base: { service: 'muster' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.credential',
        '*.refreshToken',
        '*.accessToken',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}
