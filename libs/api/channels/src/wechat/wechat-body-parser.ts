import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The content types WeChat pushes XML with; their bodies reach handlers as the raw text. */
export const XML_CONTENT_TYPES = ['text/xml', 'application/xml'];

/**
 * Lets the HTTP server take XML bodies (WeChat pushes are `text/xml`): the body arrives as a string,
 * within the server's body limit. Added only where nothing parses these types yet, so no other route
 * changes; a process without an HTTP server (ROLE=worker) has nothing to add to.
 */
@Injectable()
export class WechatBodyParser implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit() {
    const fastify = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addContentTypeParser !== 'function') return;
    for (const type of XML_CONTENT_TYPES) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
    }
  }
}
