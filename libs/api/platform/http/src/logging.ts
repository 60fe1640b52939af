import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@kefu/api/platform/config';

/**
 * Paths pino removes from every log line. Message text, contact details, secrets and
 * credentials never reach the log; bodies are not logged at all.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-kefu-signature"]',
  'res.headers["set-cookie"]',
  '*.text',
  '*.password',
  '*.passwordHash',
  '*.secret',
  '*.email',
  '*.phone',
  '*.name',
  '*.token',
  '*.contact',
];

export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // The query string may carry personal data (search terms): log the path only.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      transport: config.LOG_PRETTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  };
}
