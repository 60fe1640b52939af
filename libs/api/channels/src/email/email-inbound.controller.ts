import {
  BadRequestException,
  Controller,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChannelType, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { Public } from '@kefu/api/platform/http';
import { InboxesService } from '@kefu/api/conversations';
import { EMAIL_INBOUND_ROUTE } from './email-body-parser';
import { EmailInboundService, EmailReceipt } from './email-inbound.service';
import { verifyRawMail } from './email-signature';
import { MimeError } from './mime-message';

/**
 * The enterprise's mail gateway (a Postfix pipe, a Mailgun or SES route…) posts each raw mail here,
 * signed with the inbox secret like the API channel. 202 for a new mail, 200 for a retried one
 * (`duplicate: true`) or one that is not answered (`ignored`: auto-replies, bounces); nothing is
 * stored on any error. docs/email.md has the Postfix script.
 */
@ApiTags('channels')
@Controller('api/v1/channels/email')
export class EmailInboundController {
  constructor(
    private readonly inboxes: InboxesService,
    private readonly inbound: EmailInboundService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post(':inboxId/inbound')
  @RouteConfig({ [EMAIL_INBOUND_ROUTE]: true })
  @ApiOperation({ summary: 'Post a raw e-mail from the mail gateway (HMAC-signed)' })
  @ApiConsumes('message/rfc822', 'application/octet-stream', 'text/plain')
  @ApiHeader({
    name: 'X-Kefu-Timestamp',
    description: 'unix seconds, within the tolerance of the server clock',
    required: true,
  })
  @ApiHeader({
    name: 'X-Kefu-Signature',
    description: 'sha256=<hex HMAC-SHA256(inbox secret, "<timestamp>.<raw message>")>',
    required: true,
  })
  @ApiBody({ description: 'the raw MIME message (RFC 5322), exactly as received' })
  async receive(
    @Param('inboxId') inboxId: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EmailReceipt> {
    const inbox = await this.inboxes.get(inboxId);
    if (inbox.channel !== ChannelType.Email)
      throw new NotFoundException(`inbox ${inboxId} is not an e-mail inbox`);
    const raw = req.body;
    if (!Buffer.isBuffer(raw)) {
      throw new UnsupportedMediaTypeException(
        'post the raw e-mail as the body, with Content-Type: message/rfc822 (or application/octet-stream)',
      );
    }
    const check = verifyRawMail(
      inbox.secret,
      { signature: header(req, SIGNATURE_HEADER), timestamp: header(req, TIMESTAMP_HEADER) },
      raw,
      Date.now(),
      this.config.SIGNATURE_TOLERANCE_SECONDS,
    );
    if (!check.ok) throw new UnauthorizedException(check.reason);
    let receipt: EmailReceipt;
    try {
      receipt = await this.inbound.receive(inbox, raw);
    } catch (e) {
      if (e instanceof MimeError) throw new BadRequestException(e.message);
      throw e;
    }
    void reply.status(
      receipt.ignored !== undefined || receipt.duplicate ? HttpStatus.OK : HttpStatus.ACCEPTED,
    );
    return receipt;
  }
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
