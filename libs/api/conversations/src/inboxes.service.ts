import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { createInboxSchema, InboxDto, updateInboxSchema } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { Inbox } from './entities/inbox.entity';

export const newInboxSecret = () => randomBytes(32).toString('base64url');

export function toInboxDto(i: Inbox, withSecret: boolean): InboxDto {
  return {
    id: i.id,
    name: i.name,
    channel: i.channel,
    ...(withSecret ? { secret: i.secret } : {}),
    callbackUrl: i.callbackUrl,
    greetingEnabled: i.greetingEnabled,
    greetingMessage: i.greetingMessage,
    awayEnabled: i.awayEnabled,
    awayMessage: i.awayMessage,
    businessHours: i.businessHours,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

@Injectable()
export class InboxesService {
  constructor(@InjectRepository(Inbox) private readonly inboxes: Repository<Inbox>) {}

  list(): Promise<Inbox[]> {
    return this.inboxes.find({ order: { createdAt: 'ASC' } });
  }

  /** The inbox, or a 404 naming the id. Ids that are not UUIDs are simply not found. */
  async get(id: string): Promise<Inbox> {
    const inbox = /^[0-9a-f-]{36}$/i.test(id) ? await this.inboxes.findOneBy({ id }) : null;
    if (!inbox) throw new NotFoundException(`inbox ${id} does not exist`);
    return inbox;
  }

  async create(body: unknown): Promise<Inbox> {
    const input = parseWith(createInboxSchema, body);
    return this.inboxes.save(this.inboxes.create({ ...input, secret: newInboxSecret() }));
  }

  async update(id: string, body: unknown): Promise<Inbox> {
    const input = parseWith(updateInboxSchema, body);
    const inbox = await this.get(id);
    Object.assign(inbox, input);
    return this.inboxes.save(inbox);
  }

  async rotateSecret(id: string): Promise<Inbox> {
    const inbox = await this.get(id);
    inbox.secret = newInboxSecret();
    return this.inboxes.save(inbox);
  }
}
