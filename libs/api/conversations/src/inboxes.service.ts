import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import {
  ChannelType,
  channelCredentialsSchemas,
  channelSettingsSchemas,
  createInboxSchema,
  InboxDto,
  maskSecret,
  updateInboxSchema,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { Inbox } from './entities/inbox.entity';

export const newInboxSecret = () => randomBytes(32).toString('base64url');

export interface InboxView {
  /** The reader may manage inboxes: masked credentials and the secret's hint. */
  manage: boolean;
  /** This answer created or changed the secrets: show them in full, once. */
  reveal?: boolean;
}

export function toInboxDto(i: Inbox, view: InboxView): InboxDto {
  const credentials = Object.fromEntries(
    Object.entries(i.credentials ?? {}).map(([k, v]) => [k, view.reveal ? v : maskSecret(String(v))]),
  );
  return {
    id: i.id,
    name: i.name,
    channel: i.channel,
    ...(view.manage && view.reveal ? { secret: i.secret } : {}),
    ...(view.manage ? { secretHint: maskSecret(i.secret), credentials } : {}),
    settings: i.settings ?? {},
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
    const settings = channelSettings(input.channel, input.settings);
    const credentials = channelCredentials(input.channel, settings, input.credentials);
    return this.inboxes.save(this.inboxes.create({ ...input, settings, credentials, secret: newInboxSecret() }));
  }

  /** Settings are merged into the stored ones; a credential left out or empty keeps its stored value. */
  async update(id: string, body: unknown): Promise<Inbox> {
    const input = parseWith(updateInboxSchema, body);
    const inbox = await this.get(id);
    const { settings: newSettings, credentials: newCredentials, ...rest } = input;
    const settings = newSettings ? channelSettings(inbox.channel, { ...inbox.settings, ...newSettings }) : inbox.settings;
    const given = Object.fromEntries(Object.entries(newCredentials ?? {}).filter(([, v]) => v !== '' && v !== null && v !== undefined));
    const credentials = channelCredentials(inbox.channel, settings, { ...inbox.credentials, ...given });
    Object.assign(inbox, rest, { settings, credentials });
    return this.inboxes.save(inbox);
  }

  async rotateSecret(id: string): Promise<Inbox> {
    const inbox = await this.get(id);
    inbox.secret = newInboxSecret();
    return this.inboxes.save(inbox);
  }
}

type FieldIssue = { path: string; message: string };

/** A 400 in the same shape as `parseWith`: a message naming every wrong field, and `issues`. */
function invalid(what: string, issues: FieldIssue[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  });
}

const fieldIssues = (prefix: string, issues: { path: PropertyKey[]; message: string }[]): FieldIssue[] =>
  issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));

/** The channel's settings, checked and with defaults filled in; a 400 names every wrong field. */
export function channelSettings(channel: ChannelType, raw: Record<string, unknown>): Record<string, unknown> {
  const parsed = channelSettingsSchemas[channel].safeParse(raw);
  if (!parsed.success) throw invalid(`${channel} settings`, fieldIssues('settings', parsed.error.issues));
  return parsed.data as Record<string, unknown>;
}

export function channelCredentials(channel: ChannelType, settings: Record<string, unknown>, raw: Record<string, unknown>): Record<string, string> {
  const parsed = channelCredentialsSchemas[channel].safeParse(raw);
  if (!parsed.success) throw invalid(`${channel} credentials`, fieldIssues('credentials', parsed.error.issues));
  const creds = parsed.data as Record<string, string>;
  if (channel === ChannelType.Wechat && settings['encryption'] !== 'plain' && !creds['encodingAESKey'])
    throw invalid('wechat credentials', [
      { path: 'credentials.encodingAESKey', message: `required in ${String(settings['encryption'])} mode` },
    ]);
  return creds;
}
