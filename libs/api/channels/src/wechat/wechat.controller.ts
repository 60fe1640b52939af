import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  RawBodyRequest,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@kefu/api/platform/http';
import { WechatAnswer, WechatInboundService, WechatQuery } from './wechat-inbound.service';

/**
 * WeChat's server configuration URL for an inbox: `https://<host>/api/v1/channels/wechat/<inboxId>`.
 * GET is the console's URL check, POST the message push (XML; Mini Programs may push JSON).
 * Answers are what WeChat expects (`success`, the echo, or a passive reply in XML); errors are
 * JSON with a message: 400 malformed, 401 signature/timestamp/appid, 404 not a WeChat inbox, 413 oversize.
 */
@ApiTags('channels')
@Controller('api/v1/channels/wechat')
export class WechatController {
  constructor(private readonly inbound: WechatInboundService) {}

  @Public()
  @Get(':inboxId')
  @ApiOperation({ summary: 'WeChat URL verification (echoes echostr when the signature matches)' })
  @ApiQuery({ name: 'signature', required: false })
  @ApiQuery({ name: 'msg_signature', required: false })
  @ApiQuery({ name: 'timestamp' })
  @ApiQuery({ name: 'nonce' })
  @ApiQuery({ name: 'echostr' })
  async verify(
    @Param('inboxId') inboxId: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return send(reply, await this.inbound.verifyUrl(inboxId, flat(query)));
  }

  @Public()
  @Post(':inboxId')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'WeChat message push (plain, compatible or safe mode)' })
  async push(
    @Param('inboxId') inboxId: string,
    @Query() query: Record<string, unknown>,
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const raw = req.rawBody ? req.rawBody.toString('utf8') : undefined;
    return send(reply, await this.inbound.push(inboxId, flat(query), req.body, raw));
  }
}

function send(reply: FastifyReply, answer: WechatAnswer): string {
  void reply
    .header('content-type', `${answer.contentType}; charset=utf-8`)
    .header('x-content-type-options', 'nosniff');
  return answer.body;
}

/** Query values as single strings (the first of a repeated one). */
function flat(query: Record<string, unknown>): WechatQuery {
  const out: WechatQuery = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}
