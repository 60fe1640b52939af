import fastifyMultipart from '@fastify/multipart';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { Upload } from '../entities/upload.entity';
import { safeFileName, sniffImageType } from './image-sniff';
import type { WidgetIdentity } from './widget-identity';
import { WidgetStore } from './widget.store';

export interface WidgetUploadDto {
  uploadId: string;
  url: string;
  contentType: string;
  size: number;
}

export class UploadRejected extends Error {
  constructor(
    readonly status: 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const mb = (n: number) => `${(n / 1_048_576).toFixed(n % 1_048_576 ? 1 : 0)} MB`;

/**
 * Images shoppers send from the widget: checked by their bytes (PNG, JPEG, GIF, WebP; never SVG),
 * at most WIDGET_UPLOAD_MAX_BYTES, stored in `uploads` under the shopper's contact and served back
 * from /api/v1/uploads/:id. Registers @fastify/multipart (parsing happens only where a handler asks
 * for a file; every other route's body parsing is unchanged).
 */
@Injectable()
export class WidgetUploads implements OnModuleInit {
  constructor(
    @InjectRepository(Upload) private readonly uploads: Repository<Upload>,
    private readonly store: WidgetStore,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.WIDGET_UPLOAD_MAX_BYTES;
  }

  async onModuleInit() {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.register !== 'function' || fastify.hasContentTypeParser('multipart/form-data')) return;
    await fastify.register(fastifyMultipart, { limits: { fileSize: this.maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024 } });
  }

  /** Absolute when PUBLIC_URL is set; otherwise relative to the Kefu server (the widget resolves it against its base). */
  urlOf(uploadId: string): string {
    const base = this.config.PUBLIC_URL?.replace(/\/+$/, '') ?? '';
    return `${base}/api/v1/uploads/${uploadId}`;
  }

  tooLarge(size?: number): UploadRejected {
    return new UploadRejected(
      413,
      `the image is ${size ? mb(size) : 'larger than allowed'}; the widget takes images up to ${mb(this.maxBytes)} (WIDGET_UPLOAD_MAX_BYTES)`,
    );
  }

  async save(
    inboxId: string,
    identity: WidgetIdentity,
    file: { data: Buffer; name?: string },
    profile: { name?: string; email?: string } = {},
  ): Promise<WidgetUploadDto> {
    if (file.data.length > this.maxBytes) throw this.tooLarge(file.data.length);
    const type = sniffImageType(file.data);
    if (!type) throw new UploadRejected(415, 'only PNG, JPEG, GIF or WebP images can be sent (checked by content; SVG is not accepted)');
    const contactId = await this.store.ensureContact(inboxId, identity.externalUserId, profile);
    const row = await this.uploads.save(
      this.uploads.create({
        inboxId,
        contactId,
        contentType: type,
        name: safeFileName(file.name, type),
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
      }),
    );
    return { uploadId: row.id, url: this.urlOf(row.id), contentType: type, size: row.size };
  }

  /** The upload with its bytes, or null. */
  async get(id: string): Promise<Upload | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    return this.uploads.createQueryBuilder('u').addSelect('u.data').where('u.id = :id', { id }).getOne();
  }
}
