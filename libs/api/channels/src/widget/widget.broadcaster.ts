import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import IORedis from 'ioredis';
import type { Namespace } from 'socket.io';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { WIDGET_NAMESPACE } from './widget.protocol';

/** The socket.io room of one widget identity on one inbox: every tab and device of that shopper. */
export const identityRoom = (inboxId: string, externalUserId: string) => `w:${inboxId}:${externalUserId}`;

/**
 * Sends widget events to rooms from any process. Where this process runs the `/widget` namespace,
 * through it: local sockets directly, other replicas through the socket.io Redis adapter. A process
 * without it (a worker built without the HTTP server) publishes through @socket.io/redis-emitter,
 * which speaks the adapter's protocol, so the API replicas holding the sockets deliver the event.
 */
@Injectable()
export class WidgetBroadcaster implements OnApplicationShutdown {
  private readonly log = new Logger(WidgetBroadcaster.name);
  private namespace?: Namespace;
  private emitter?: { redis: IORedis; emitter: Emitter };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Called by the gateway once its namespace exists. */
  attach(namespace: Namespace) {
    this.namespace = namespace;
  }

  /** Whether an event emitted now can reach any socket (false: no namespace here and no Redis). */
  get reachable(): boolean {
    return !!this.namespace || this.config.queue.kind === 'bullmq';
  }

  emit(rooms: string | string[], event: string, payload: unknown, except?: string): void {
    const target = Array.isArray(rooms) ? rooms : [rooms];
    if (!target.length) return;
    if (this.namespace) {
      const op = this.namespace.to(target);
      (except ? op.except(except) : op).emit(event, payload);
      return;
    }
    const emitter = this.redisEmitter();
    if (!emitter) return;
    const op = emitter.to(target);
    (except ? op.except(except) : op).emit(event, payload);
  }

  private redisEmitter(): Emitter | null {
    if (this.emitter) return this.emitter.emitter;
    if (this.config.queue.kind !== 'bullmq') return null;
    const redis = new IORedis(this.config.queue.url, { maxRetriesPerRequest: null });
    redis.on('error', (e) => this.log.warn(`widget emitter: Redis error ${e.message}`));
    this.emitter = { redis, emitter: new Emitter(redis).of(WIDGET_NAMESPACE) };
    return this.emitter.emitter;
  }

  async onApplicationShutdown() {
    const r = this.emitter?.redis;
    if (!r) return;
    if (r.status === 'ready') await r.quit().catch(() => r.disconnect());
    else r.disconnect();
  }
}
