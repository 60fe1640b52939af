import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  PayloadTooLargeException,
  UnauthorizedException,
} from '@nestjs/common';
import { ChannelType, type MessageMetadata } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { MetricsService } from '@kefu/api/platform/http';
import { InboxesService, IngestService } from '@kefu/api/conversations';
import { numberedChoice } from '../delivery/capabilities';
import {
  decryptMessage,
  sealReply,
  verifySignature,
  WechatAppIdError,
  WechatCryptoError,
} from './wechat-crypto';
import { requireWechatInbox, WechatConfigError, wechatInbox, type WechatInbox } from './wechat-inbox';
import { WechatPassiveReplyService } from './wechat-passive-reply.service';
import { planPush, type IngestPlan } from './wechat-push';
import { WechatReplyStore } from './wechat-reply.store';
import { WechatUnionIds } from './wechat-union-ids';
import {
  buildEncryptedReply,
  buildTextReply,
  parseWechatJson,
  parseWechatPayload,
  WechatFields,
  WechatFormatError,
} from './wechat-xml';

/** WeChat pushes are a few KB at most; anything bigger is not from WeChat. */
export const WECHAT_MAX_PUSH_BYTES = 64 * 1024;

/** How long an inbox's settings are reused between pushes (an edit in the admin applies within this). */
export const INBOX_CACHE_MS = 5000;

export type WechatQuery = Record<string, string | undefined>;

/** What to answer WeChat: `success`, an echo, or a passive reply (XML). */
export interface WechatAnswer {
  contentType: 'text/plain' | 'application/xml';
  body: string;
}

const SUCCESS: WechatAnswer = { contentType: 'text/plain', body: 'success' };
const NUMBER_ONLY = /^\s*#?[0-9０-９]{1,2}[.)、。]?\s*$/;

/**
 * One WeChat push, from HTTP to an answer: verify (timestamp window, `signature` or `msg_signature`,
 * appid), decrypt, parse, store through ingest (idempotent on the MsgId or the event's
 * FromUserName+CreateTime), then wait up to WECHAT_PASSIVE_REPLY_MS for the bot's reply to answer
 * passively; otherwise `success`, and the reply goes out through the customer-service API.
 */
@Injectable()
export class WechatInboundService {
  private readonly log = new Logger(WechatInboundService.name);
  private readonly pushes;
  private readonly cache = new Map<string, { inbox: WechatInbox; until: number }>();

  constructor(
    private readonly inboxes: InboxesService,
    private readonly ingest: IngestService,
    private readonly store: WechatReplyStore,
    private readonly passive: WechatPassiveReplyService,
    private readonly unionIds: WechatUnionIds,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    this.pushes = metrics.counter(
      'kefu_wechat_pushes_total',
      'WeChat pushes by outcome and how they were answered',
      ['outcome', 'answer'],
    );
  }

  /** GET: the console's URL check. Echoes `echostr` (decrypted first when it comes with msg_signature). */
  async verifyUrl(inboxId: string, q: WechatQuery): Promise<WechatAnswer> {
    const wechat = await this.load(inboxId);
    const { timestamp, nonce } = this.checkTimestamp(q);
    const echostr = q['echostr'];
    if (!echostr || echostr.length > 1024)
      throw new BadRequestException('echostr is missing (WeChat sends it to verify the URL)');
    if (q['msg_signature']) {
      if (!verifySignature(q['msg_signature'], wechat.token, timestamp, nonce, echostr))
        throw new UnauthorizedException(signatureHint('msg_signature'));
      return { contentType: 'text/plain', body: this.decrypt(wechat, echostr) };
    }
    if (!verifySignature(q['signature'], wechat.token, timestamp, nonce))
      throw new UnauthorizedException(signatureHint('signature'));
    return { contentType: 'text/plain', body: echostr };
  }

  /** POST: a message or event push. */
  async push(
    inboxId: string,
    q: WechatQuery,
    body: unknown,
    rawBody: string | undefined,
  ): Promise<WechatAnswer> {
    const started = Date.now();
    const wechat = await this.load(inboxId);
    const { timestamp, nonce } = this.checkTimestamp(q);
    const raw = rawBody ?? (typeof body === 'string' ? body : '');
    if (Buffer.byteLength(raw) > WECHAT_MAX_PUSH_BYTES)
      throw new PayloadTooLargeException(`a WeChat push is at most ${WECHAT_MAX_PUSH_BYTES} bytes`);

    const envelope = this.parse(() =>
      typeof body === 'string' ? parseWechatPayload(body) : parseWechatJson(body, raw),
    );
    // Compatible mode sends both; an inbox set to plain mode reads the plaintext half.
    const encrypted =
      envelope['Encrypt'] !== undefined &&
      (wechat.encryption !== 'plain' || envelope['MsgType'] === undefined);
    let fields: WechatFields;
    if (encrypted) {
      if (!wechat.encodingAESKey) {
        throw new BadRequestException(
          'the push is encrypted but the inbox is in plain mode: set settings.encryption to safe or compatible and add the EncodingAESKey',
        );
      }
      if (!verifySignature(q['msg_signature'], wechat.token, timestamp, nonce, envelope['Encrypt']))
        throw new UnauthorizedException(signatureHint('msg_signature'));
      const inner = this.decrypt(wechat, envelope['Encrypt']);
      fields = this.parse(() => parseWechatPayload(inner));
    } else {
      if (wechat.encryption === 'safe')
        throw new BadRequestException(
          'the inbox is in safe mode: plaintext pushes are refused (the push has no Encrypt element)',
        );
      if (!verifySignature(q['signature'], wechat.token, timestamp, nonce))
        throw new UnauthorizedException(signatureHint('signature'));
      fields = envelope;
    }

    const plan = this.parse(() => planPush(fields));
    if (plan.kind === 'ignore') {
      this.log.debug(`inbox ${inboxId}: ${plan.reason} acknowledged, nothing stored`);
      this.pushes.inc({ outcome: 'ignored', answer: 'success' });
      return SUCCESS;
    }
    const [{ text, metadata }, verified] = await Promise.all([
      this.withQuickReply(wechat, plan),
      this.verified(wechat, plan.openId),
    ]);
    const result = await this.ingest.ingest({
      channel: ChannelType.Wechat,
      inboxId: wechat.inboxId,
      externalMessageId: plan.externalMessageId,
      externalUserId: plan.openId,
      text,
      attachments: plan.attachments,
      metadata,
      sentAt: plan.sentAt,
      ...verified,
    });
    const outcome = result.duplicate ? 'duplicate' : 'stored';

    const window = wechat.kind === 'official_account' ? this.config.WECHAT_PASSIVE_REPLY_MS : 0;
    const answer = window > 0 ? await this.passive.claim(result.messageId, started + window) : null;
    if (answer === null) {
      this.pushes.inc({ outcome, answer: 'success' });
      return SUCCESS;
    }
    this.pushes.inc({ outcome, answer: 'passive' });
    const reply = buildTextReply({
      to: plan.openId,
      from: plan.accountId,
      createTime: Math.floor(Date.now() / 1000),
      content: answer,
    });
    if (!encrypted) return { contentType: 'application/xml', body: reply };
    const sealed = sealReply(reply, {
      token: wechat.token,
      encodingAESKey: wechat.encodingAESKey as string,
      appId: wechat.appId,
    });
    return { contentType: 'application/xml', body: buildEncryptedReply(sealed) };
  }

  private async load(inboxId: string): Promise<WechatInbox> {
    const cached = this.cache.get(inboxId);
    if (cached && cached.until > Date.now()) return cached.inbox;
    const inbox = requireWechatInbox(await this.inboxes.get(inboxId));
    try {
      const wechat = wechatInbox(inbox);
      if (this.cache.size >= 1000) this.cache.clear();
      this.cache.set(inboxId, { inbox: wechat, until: Date.now() + INBOX_CACHE_MS });
      return wechat;
    } catch (e) {
      if (e instanceof WechatConfigError)
        throw new ConflictException(`${e.message}; fix the inbox in the admin`);
      throw e;
    }
  }

  private checkTimestamp(q: WechatQuery): { timestamp: string; nonce: string } {
    const timestamp = q['timestamp'];
    const nonce = q['nonce'];
    if (!timestamp || !/^\d{9,11}$/.test(timestamp))
      throw new UnauthorizedException('missing or malformed timestamp (unix seconds) in the query');
    if (!nonce || nonce.length > 64)
      throw new UnauthorizedException('missing or malformed nonce in the query');
    const tolerance = this.config.SIGNATURE_TOLERANCE_SECONDS;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > tolerance) {
      throw new UnauthorizedException(
        `timestamp is more than ${tolerance} s from the server clock: a replayed or delayed push, or a clock out of sync`,
      );
    }
    return { timestamp, nonce };
  }

  private decrypt(wechat: WechatInbox, encrypted: string): string {
    if (!wechat.encodingAESKey)
      throw new BadRequestException('the inbox has no EncodingAESKey to decrypt with');
    try {
      return decryptMessage(encrypted, wechat.encodingAESKey, wechat.appId);
    } catch (e) {
      if (e instanceof WechatAppIdError) throw new UnauthorizedException(e.message);
      if (e instanceof WechatCryptoError)
        throw new BadRequestException(`${e.message}; check the EncodingAESKey`);
      throw e;
    }
  }

  private parse<T>(work: () => T): T {
    try {
      return work();
    } catch (e) {
      if (e instanceof WechatFormatError) throw new BadRequestException(e.message);
      throw e;
    }
  }

  /**
   * A bare number answering a numbered list ("2"), or a menu key that is one of the offered quick
   * replies, counts as tapping that quick reply (WeChat shows quick replies as a numbered list).
   */
  private async withQuickReply(
    wechat: WechatInbox,
    plan: IngestPlan,
  ): Promise<{ text: string; metadata: MessageMetadata }> {
    const { text, metadata, menuKey } = plan;
    if (!menuKey && !NUMBER_ONLY.test(text)) return { text, metadata };
    const offered = await this.store.lastOffered(wechat.inboxId, plan.openId);
    if (menuKey) {
      const match = offered?.quickReplies?.find((q) => q.payload === menuKey);
      return { text: match?.label ?? text, metadata };
    }
    const choice = numberedChoice(text, offered);
    return { text, metadata: choice ? { ...metadata, quickReply: choice.payload } : metadata };
  }

  private async verified(
    wechat: WechatInbox,
    openId: string,
  ): Promise<{ verified?: { wechatUnionId: string } }> {
    if (wechat.kind !== 'official_account') return {};
    const unionId = await this.unionIds.forNewContact(wechat, openId);
    return unionId ? { verified: { wechatUnionId: unionId } } : {};
  }
}

const signatureHint = (name: string) =>
  `${name} does not match: it is sha1 of the sorted token, timestamp and nonce${name === 'msg_signature' ? ' and Encrypt' : ''}; check the inbox's WeChat token`;
