import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Options,
  Param,
  PayloadTooLargeException,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@kefu/api/platform/http';
import { identityFromToken, originAllowed } from './widget-identity';
import { WidgetInboxes } from './widget-inboxes';
import { UploadRejected, WidgetUploadDto, WidgetUploads } from './widget-uploads.service';

export const VISITOR_HEADER = 'x-kefu-visitor';
/** Multipart framing around the file: boundaries and part headers. */
const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * Widget image uploads (`POST /api/v1/widget/:inboxId/uploads`, multipart field `file`, header
 * X-Kefu-Visitor) and serving them back (`GET /api/v1/uploads/:id`) as inert images: the stored
 * type, nosniff, a CSP that allows nothing, long caching (an upload never changes).
 */
@ApiTags('widget')
@Controller()
export class WidgetUploadsController {
  constructor(
    private readonly inboxes: WidgetInboxes,
    private readonly uploads: WidgetUploads,
  ) {}

  /** CORS preflight: the widget posts from the shop's pages with a custom header. */
  @Public()
  @Options('api/v1/widget/:inboxId/uploads')
  @HttpCode(204)
  async preflight(@Param('inboxId') inboxId: string, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const found = await this.inboxes.get(inboxId);
    const origin = req.headers.origin;
    if (found && origin && originAllowed(found.settings.allowedOrigins, origin, req.headers.host)) {
      void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      void reply.header('access-control-allow-methods', 'POST').header('access-control-allow-headers', `${VISITOR_HEADER}, content-type`);
      void reply.header('access-control-max-age', '600');
    }
  }

  @Public()
  @Post('api/v1/widget/:inboxId/uploads')
  @ApiOperation({ summary: 'Upload an image from the chat widget (PNG, JPEG, GIF or WebP, checked by content)' })
  @ApiConsumes('multipart/form-data')
  @ApiHeader({ name: 'X-Kefu-Visitor', description: 'the visitorToken the widget got in its session', required: true })
  async upload(@Param('inboxId') inboxId: string, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<WidgetUploadDto> {
    const found = await this.inboxes.get(inboxId);
    if (!found) throw new NotFoundException(`inbox ${inboxId} does not exist or is not a web chat widget`);
    const origin = req.headers.origin;
    if (origin) {
      if (!originAllowed(found.settings.allowedOrigins, origin, req.headers.host)) {
        throw new ForbiddenException(`pages at ${origin} may not use this widget; add the origin to the inbox's allowed origins`);
      }
      void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    }
    const token = req.headers[VISITOR_HEADER];
    const identity = identityFromToken(found.inbox.secret, Array.isArray(token) ? token[0] : token);
    if (!identity) throw new UnauthorizedException('X-Kefu-Visitor must be the visitorToken this widget got in its session');
    if (found.settings.requireIdentity && !identity.verified) {
      throw new UnauthorizedException('this widget only serves logged-in shoppers: connect with a signed identity first');
    }
    const declared = Number(req.headers['content-length']);
    if (declared > this.uploads.maxBytes + MULTIPART_OVERHEAD) throw new PayloadTooLargeException(this.uploads.tooLarge().message);
    if (typeof req.isMultipart !== 'function' || !req.isMultipart()) {
      throw new UnsupportedMediaTypeException('send the image as multipart/form-data in the field "file"');
    }

    let file: MultipartFile | undefined;
    let data: Buffer;
    try {
      file = await req.file({ limits: { fileSize: this.uploads.maxBytes, files: 1 } });
      if (!file || file.fieldname !== 'file') throw new BadRequestException('send the image as multipart/form-data in the field "file"');
      data = await file.toBuffer();
    } catch (e) {
      const err = e as { code?: string; statusCode?: number };
      if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLargeException(this.uploads.tooLarge().message);
      if (err.statusCode === 413) throw new PayloadTooLargeException('send one image per request');
      if (e instanceof BadRequestException) throw e;
      throw new BadRequestException('the multipart body could not be read; send the image in the field "file"');
    }
    try {
      void reply.status(201);
      return await this.uploads.save(found.inbox.id, identity, { data, name: file.filename });
    } catch (e) {
      if (e instanceof UploadRejected) {
        throw e.status === 413 ? new PayloadTooLargeException(e.message) : new UnsupportedMediaTypeException(e.message);
      }
      throw e;
    }
  }

  @Public()
  @Get('api/v1/uploads/:id')
  @ApiOperation({ summary: 'An image a shopper sent from the widget' })
  async serve(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const upload = await this.uploads.get(id);
    if (!upload) throw new NotFoundException(`upload ${id} does not exist`);
    const etag = `"${upload.sha256}"`;
    void reply
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('etag', etag);
    if (req.headers['if-none-match'] === etag) {
      await reply.status(304).send();
      return;
    }
    const name = upload.name ?? 'image';
    await reply
      .header('content-type', upload.contentType)
      .header('content-disposition', `inline; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(Buffer.isBuffer(upload.data) ? upload.data : Buffer.from((upload.data as Uint8Array).buffer, (upload.data as Uint8Array).byteOffset, (upload.data as Uint8Array).byteLength));
  }
}
