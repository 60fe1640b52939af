import { z } from 'zod';

export const attachmentSchema = z.object({
  url: z.string().url().max(2048),
  contentType: z.string().min(1).max(255),
  name: z.string().max(255).optional(),
  size: z.number().int().nonnegative().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageMetadataSchema = z
  .object({
    productId: z.string().max(200).optional(),
    orderId: z.string().max(200).optional(),
    pageUrl: z.string().max(2048).optional(),
    /** The payload of the quick reply the shopper tapped (`text` is its label, as shown). */
    quickReply: z.string().max(200).optional(),
  })
  .catchall(z.union([z.string().max(2048), z.number(), z.boolean(), z.null()]));
export type MessageMetadata = z.infer<typeof messageMetadataSchema>;

/** What a channel adapter hands to ingest (DESIGN.md, step 1). */
export interface InboundMessage {
  channel: string;
  inboxId: string;
  externalMessageId: string;
  externalUserId: string;
  text: string;
  attachments: Attachment[];
  locale?: string;
  metadata: MessageMetadata;
  sentAt: Date;
  contact?: { name?: string; email?: string; phone?: string };
  /**
   * Keys the channel has verified (a signed login, WeChat's unionid, an authenticated sender). A
   * second identity with the same key joins the same contact, so the shopper has one history.
   * Only adapters set this, never the shopper's own payload.
   */
  verified?: { customerRef?: string; email?: string; phone?: string; wechatUnionId?: string };
  /**
   * Continue this conversation when it belongs to the same inbox and is still open (e-mail threading
   * by In-Reply-To); otherwise the contact's open conversation in the inbox, or a new one.
   */
  conversationId?: string;
}

/** Body of `POST /api/v1/inboxes/:inboxId/messages` (the API channel). */
export const apiInboundMessageSchema = z
  .object({
    externalMessageId: z.string().trim().min(1).max(200),
    externalUserId: z.string().trim().min(1).max(200),
    text: z.string().max(10_000).default(''),
    attachments: z.array(attachmentSchema).max(10).default([]),
    locale: z.string().max(20).optional(),
    metadata: messageMetadataSchema.default({}),
    sentAt: z.string().datetime({ offset: true }).optional(),
    contact: z
      .object({
        name: z.string().max(200).optional(),
        email: z.string().email().max(320).optional(),
        phone: z.string().max(40).optional(),
      })
      .optional(),
    /**
     * Keys your system has verified for this shopper (a logged-in customer id, a confirmed phone or
     * e-mail, a WeChat unionid). The same key on another channel joins the same contact.
     */
    verified: z
      .object({
        customerRef: z.string().trim().min(1).max(200).optional(),
        email: z.string().email().max(320).optional(),
        phone: z.string().regex(/^\+?[\d\s()-]{6,40}$/, 'digits, spaces, dashes and an optional leading +').optional(),
        wechatUnionId: z.string().trim().min(1).max(200).optional(),
      })
      .optional(),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachments.length > 0, {
    message: 'a message needs text or at least one attachment',
    path: ['text'],
  });
export type ApiInboundMessage = z.infer<typeof apiInboundMessageSchema>;

export interface IngestResultDto {
  messageId: string;
  conversationId: string;
  contactId: string;
  /** true when this external message id was already stored: nothing was changed. */
  duplicate: boolean;
}
