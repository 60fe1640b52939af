import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import {
  createWebhookSchema,
  maskSecret,
  updateWebhookSchema,
  WEBHOOK_TEST_EVENT,
  WebhookDto,
  WebhookEvent,
  WebhookTestResultDto,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { Webhook } from '../entities/webhook.entity';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { envelopeBody } from './webhook-events';
import { WebhookSender } from './webhook-sender';

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

interface Stats {
  pending: number;
  dead: number;
  lastDeliveredAt: string | null;
}
const NO_STATS: Stats = { pending: 0, dead: 0, lastDeliveredAt: null };

export function toWebhookDto(w: Webhook, stats: Stats = NO_STATS, reveal = false): WebhookDto {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    events: w.events as WebhookEvent[],
    enabled: w.enabled,
    ...(reveal ? { secret: w.secret } : {}),
    secretHint: maskSecret(w.secret),
    deliveries: stats,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

/** Outbound webhooks: CRUD, the signing secret (shown once), a test event, enable and disable. */
@Injectable()
export class WebhooksService {
  private readonly log = new Logger(WebhooksService.name);

  constructor(
    @InjectRepository(Webhook) private readonly webhooks: Repository<Webhook>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly deliveries: WebhookDeliveryService,
    private readonly sender: WebhookSender,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async list(): Promise<WebhookDto[]> {
    const all = await this.webhooks.find({ order: { createdAt: 'ASC' } });
    const stats = await this.stats(all.map((w) => w.id));
    return all.map((w) => toWebhookDto(w, stats.get(w.id)));
  }

  async get(id: string): Promise<Webhook> {
    const w = isUuid(id) ? await this.webhooks.findOneBy({ id }) : null;
    if (!w) throw new NotFoundException(`webhook ${id} does not exist`);
    return w;
  }

  async dto(id: string): Promise<WebhookDto> {
    const w = await this.get(id);
    return toWebhookDto(w, (await this.stats([w.id])).get(w.id));
  }

  /** The answer holds the signing secret, this once. */
  async create(body: unknown): Promise<WebhookDto> {
    const input = parseWith(createWebhookSchema, body);
    const saved = await this.webhooks.save(this.webhooks.create({ ...input, secret: newWebhookSecret() }));
    this.dispatcher.webhooksChanged();
    return toWebhookDto(saved, NO_STATS, true);
  }

  /** Enabling a disabled webhook sends what waited for it meanwhile. */
  async update(id: string, body: unknown): Promise<WebhookDto> {
    const input = parseWith(updateWebhookSchema, body);
    const w = await this.get(id);
    const enabling = input.enabled === true && !w.enabled;
    Object.assign(w, input);
    const saved = await this.webhooks.save(w);
    if (enabling) await this.resume(saved.id);
    this.dispatcher.webhooksChanged();
    return toWebhookDto(saved, (await this.stats([saved.id])).get(saved.id));
  }

  /** A new secret, in this answer only; the old one stops working at once. */
  async rotateSecret(id: string): Promise<WebhookDto> {
    const w = await this.get(id);
    w.secret = newWebhookSecret();
    const saved = await this.webhooks.save(w);
    return toWebhookDto(saved, (await this.stats([saved.id])).get(saved.id), true);
  }

  /** Deletes the webhook with its deliveries and dead letters. */
  async remove(id: string): Promise<void> {
    const w = await this.get(id);
    await this.webhooks.delete({ id: w.id });
  }

  /** POSTs a signed `webhook.test` event now (enabled or not) and answers what the receiver said. Nothing is stored. */
  async test(id: string): Promise<WebhookTestResultDto> {
    const w = await this.get(id);
    const deliveryId = randomUUID();
    const body = envelopeBody({
      id: deliveryId,
      event: WEBHOOK_TEST_EVENT,
      createdAt: new Date().toISOString(),
      data: {
        webhook: { id: w.id, name: w.name },
        message: 'A test event from Kefu: if you can read this, the webhook works.',
      },
    });
    const r = await this.sender.send(w, { id: deliveryId, event: WEBHOOK_TEST_EVENT }, body);
    return { ok: r.ok, status: r.status, error: r.error, durationMs: r.durationMs };
  }

  private async resume(webhookId: string): Promise<void> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM webhook_deliveries WHERE webhook_id = $1 AND status = 'pending' ORDER BY created_at LIMIT 10000`,
      [webhookId],
    );
    const round = randomUUID().slice(0, 8);
    for (const r of rows) await this.deliveries.enqueue(r.id, `${r.id}:resume:${round}`);
    if (rows.length) this.log.log(`webhook ${webhookId} enabled: ${rows.length} waiting deliveries queued`);
  }

  private async stats(ids: string[]): Promise<Map<string, Stats>> {
    if (!ids.length) return new Map();
    const rows: { webhook_id: string; pending: string; dead: string; last: Date | null }[] =
      await this.db.query(
        `SELECT w.id AS webhook_id,
              (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'pending') AS pending,
              (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'dead') AS dead,
              (SELECT max(d.delivered_at) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'delivered') AS last
         FROM unnest($1::uuid[]) AS w(id)`,
        [ids],
      );
    return new Map(
      rows.map((r) => [
        r.webhook_id,
        {
          pending: Number(r.pending),
          dead: Number(r.dead),
          lastDeliveredAt: r.last ? new Date(r.last).toISOString() : null,
        },
      ]),
    );
  }
}
