import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';

/** Route config flag (`@RouteConfig({ emailInbound: true })`) of the routes that take a raw e-mail. */
export const EMAIL_INBOUND_ROUTE = 'emailInbound';

/**
 * Largest raw mail accepted: BODY_LIMIT_BYTES, or room for a few attachments of the largest size Kefu
 * keeps (base64 grows them by a third) — whichever is larger. 15 MiB with the defaults.
 */
export const emailMaxBytes = (c: Pick<AppConfig, 'BODY_LIMIT_BYTES' | 'WIDGET_UPLOAD_MAX_BYTES'>) =>
  Math.max(c.BODY_LIMIT_BYTES, 3 * c.WIDGET_UPLOAD_MAX_BYTES);

type Done = (err: Error | null, body?: unknown) => void;
type RoutedRequest = FastifyRequest & { rawBody?: Buffer };

const isEmailRoute = (req: FastifyRequest) =>
  !!(req.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[EMAIL_INBOUND_ROUTE];

/**
 * Lets the e-mail route read its body as raw bytes (message/rfc822, application/octet-stream,
 * text/plain) without changing any other route: there, message/rfc822 and application/octet-stream
 * stay unsupported (415) and text/plain is still read as a UTF-8 string under the route's limit, as
 * Fastify's own parser does. The bytes are kept as they came so the HMAC covers exactly them.
 */
@Injectable()
export class EmailBodyParser implements OnModuleInit {
  private readonly log = new Logger(EmailBodyParser.name);

  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    const fastify = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addContentTypeParser) return;
    const limit = emailMaxBytes(this.config);
    const rejectOthers = (req: FastifyRequest, payload: NodeJS.ReadableStream, done: Done) => {
      if (!isEmailRoute(req)) return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE());
      readBytes(req, payload, limit, done);
    };
    for (const type of ['message/rfc822', 'application/octet-stream']) {
      if (fastify.hasContentTypeParser(type)) {
        this.log.warn(`${type} already has a body parser: the e-mail route takes its body from it`);
        continue;
      }
      fastify.addContentTypeParser(type, rejectOthers);
    }
    try {
      // Replaces Fastify's default text/plain parser; throws if someone else already replaced it.
      fastify.addContentTypeParser(
        'text/plain',
        (req: FastifyRequest, payload: NodeJS.ReadableStream, done: Done) => {
          if (isEmailRoute(req)) return readBytes(req, payload, limit, done);
          readBytes(req, payload, req.routeOptions?.bodyLimit ?? this.config.BODY_LIMIT_BYTES, (err, body) =>
            err ? done(err) : done(null, (body as Buffer).toString('utf8')),
          );
        },
      );
    } catch {
      this.log.warn('text/plain already has a custom body parser: post raw e-mail as message/rfc822');
    }
  }
}

function tooLarge(req: FastifyRequest, limit: number): Error {
  if (!isEmailRoute(req)) return new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
  return Object.assign(
    new Error(
      `the message is larger than ${limit} bytes, the most Kefu takes (max of BODY_LIMIT_BYTES and 3 × WIDGET_UPLOAD_MAX_BYTES)`,
    ),
    {
      statusCode: 413,
      code: 'KEFU_EMAIL_TOO_LARGE',
    },
  );
}

/** Reads the body as bytes, stopping at `limit` (413 on the declared length already). */
function readBytes(req: RoutedRequest, payload: NodeJS.ReadableStream, limit: number, done: Done) {
  if (Number(req.headers['content-length']) > limit) return done(tooLarge(req, limit));
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (err: Error | null, body?: Buffer) => {
    if (finished) return;
    finished = true;
    if (body && isEmailRoute(req)) req.rawBody = body;
    done(err, body);
  };
  payload.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > limit) finish(tooLarge(req, limit));
    else chunks.push(chunk);
  });
  payload.on('end', () => finish(null, Buffer.concat(chunks, size)));
  payload.on('error', (e: Error) => finish(e));
}
