import { WechatApiClient } from './wechat-api.client';
import { WechatBodyParser } from './wechat-body-parser';
import { WechatInboundService } from './wechat-inbound.service';
import { WechatPassiveReplyService } from './wechat-passive-reply.service';
import { WechatReplyStore } from './wechat-reply.store';
import { WechatUnionIds } from './wechat-union-ids';
import { WechatAdapter } from './wechat.adapter';
import { WechatController } from './wechat.controller';

export const WECHAT_CONTROLLERS = [WechatController];
export const WECHAT_PROVIDERS = [
  WechatBodyParser,
  WechatApiClient,
  WechatReplyStore,
  WechatPassiveReplyService,
  WechatUnionIds,
  WechatInboundService,
  WechatAdapter,
];

export { WechatAdapter, WechatApiClient };
export { WechatApiError } from './wechat-api.client';
export {
  aesKeyOf,
  decryptMessage,
  encryptMessage,
  sealReply,
  verifySignature,
  wechatSignature,
  WechatAppIdError,
  WechatCryptoError,
} from './wechat-crypto';
export { buildEncryptedReply, buildTextReply, parseWechatPayload, parseWechatXml } from './wechat-xml';
export { eventKey, messageKey } from './wechat-push';
