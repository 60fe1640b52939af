import { Controller, HttpStatus, Inject, NotFoundException, Param, Post, RawBodyRequest, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiInboundMessageSchema, ChannelType, InboundMessage, IngestResultDto, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { parseWith, Public } from '@kefu/api/platform/http';
import { InboxesService, IngestService } from '@kefu/api/conversations';
import { verify } from './signature';

/**
 * The API channel: apps and other systems push shopper messages here, signed with the inbox secret.
 * 202 for a new message, 200 with `duplicate: true` for a retried one; nothing changes on any error.
 */
@ApiTags('channels')
@Controller('api/v1/inboxes')
export class ApiChannelController {
  constructor(
    private readonly inboxes: InboxesService,
    private readonly ingest: IngestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post(':inboxId/messages')
  @ApiOperation({ summary: 'Push a shopper message (HMAC-signed)' })
  @ApiHeader({ name: 'X-Kefu-Timestamp', description: 'unix seconds, within 5 minutes of the server clock', required: true })
  @ApiHeader({ name: 'X-Kefu-Signature', description: 'sha256=<hex HMAC-SHA256(inbox secret, "<timestamp>.<raw body>")>', required: true })
  @ApiBody({ description: '{ externalMessageId, externalUserId, text, attachments?, locale?, metadata?, sentAt?, contact?, verified? }' })
  async push(
    @Param('inboxId') inboxId: string,
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IngestResultDto> {
    const inbox = await this.inboxes.get(inboxId);
    if (inbox.channel !== ChannelType.Api) throw new NotFoundException(`inbox ${inboxId} is not an API inbox`);
    const check = verify(
      inbox.secret,
      { signature: header(req, SIGNATURE_HEADER), timestamp: header(req, TIMESTAMP_HEADER) },
      req.rawBody ?? '',
      Date.now(),
      this.config.SIGNATURE_TOLERANCE_SECONDS,
    );
    if (!check.ok) throw new UnauthorizedException(check.reason);
    const body = parseWith(apiInboundMessageSchema, req.body);
    const result = await this.ingest.ingest({
      channel: ChannelType.Api,
      inboxId: inbox.id,
      externalMessageId: body.externalMessageId,
      externalUserId: body.externalUserId,
      text: body.text,
      attachments: body.attachments,
      locale: body.locale,
      metadata: body.metadata,
      sentAt: body.sentAt ? new Date(body.sentAt) : new Date(),
      contact: body.contact,
      // The push is signed by the shop's own system: its login (metadata.customerRef) is a verified key.
      verified: verifiedKeys(body.verified, body.metadata['customerRef']),
    });
    void reply.status(result.duplicate ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return result;
  }
}

function verifiedKeys(given: InboundMessage['verified'], customerRef: unknown): InboundMessage['verified'] {
  const keys = { ...(typeof customerRef === 'string' && customerRef.trim() ? { customerRef } : {}), ...given };
  return Object.keys(keys).length ? keys : undefined;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
