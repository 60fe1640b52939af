import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { ApiErrorDto } from '@kefu/shared/contracts';

/**
 * Every error leaves as ApiErrorDto. Fastify's own errors (bad JSON, body too large, wrong
 * content type) keep their 4xx status; anything unexpected is a 500 with no internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.log.error(exception instanceof Error ? exception.stack : String(exception));
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ApiErrorDto {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const r = typeof res === 'string' ? { message: res } : (res as Record<string, unknown>);
      const message = Array.isArray(r['message']) ? (r['message'] as string[]).join('; ') : String(r['message'] ?? exception.message);
      return {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        ...(r['issues'] ? { issues: r['issues'] as ApiErrorDto['issues'] } : {}),
      };
    }
    const e = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return { statusCode: e.statusCode, error: STATUS_CODES[e.statusCode] ?? 'Error', message: fastifyMessage(e) };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: 'Internal Server Error', message: 'unexpected error; see the server log' };
  }
}

function fastifyMessage(e: { code?: string; message?: string }): string {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'request body is larger than the limit (BODY_LIMIT_BYTES; UPLOAD_LIMIT_BYTES for file uploads)';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported content type; send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'empty body; send a JSON object';
    default:
      if (e.message && /JSON/i.test(e.message)) return `malformed JSON: ${e.message}`;
      return e.message ?? 'bad request';
  }
}
