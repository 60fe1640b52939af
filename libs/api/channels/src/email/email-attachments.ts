import { createHash } from 'node:crypto';
import type { Attachment } from '@kefu/shared/contracts';
import type { MimePart } from './mime-message';

/** What Kefu keeps from a mail: images and PDFs, recognised by their bytes, not by the name the sender gave. */
export type StoredType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf';

export function sniff(b: Buffer): StoredType | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** Inline images smaller than this are logos, icons and tracking pixels of the HTML body: not kept. */
export const INLINE_DECORATION_BYTES = 16 * 1024;
/** At most this many files are kept from one mail; the rest are listed by name. */
export const MAX_STORED_ATTACHMENTS = 10;

export interface UploadRow {
  id: string;
  contentType: StoredType;
  name: string | null;
  size: number;
  sha256: string;
  data: Buffer;
}

export interface PlannedAttachments {
  /** Rows for the `uploads` table. */
  uploads: UploadRow[];
  /** The message's attachments, pointing at those rows. */
  attachments: Attachment[];
  /** Names of the files that were not kept (other types, too large, too many). */
  skipped: string[];
}

/**
 * A UUID derived from the inbox, the mail's id and the part's position: a retried post or a second
 * poll computes the same ids, so storing the uploads again changes nothing.
 */
export function uploadId(inboxId: string, externalMessageId: string, index: number): string {
  const h = createHash('sha256').update(`${inboxId}\n${externalMessageId}\n${index}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** As the widget's uploads: absolute under PUBLIC_URL when it is set, else relative to the Kefu server. */
export const uploadUrl = (id: string, publicUrl?: string) =>
  `${publicUrl?.replace(/\/+$/, '') ?? ''}/api/v1/uploads/${id}`;

const EXTENSION: Record<StoredType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** Which parts become uploads (and message attachments) and which are only named. */
export function planAttachments(
  parts: MimePart[],
  ctx: { inboxId: string; externalMessageId: string; maxBytes: number; publicUrl?: string },
): PlannedAttachments {
  const planned: PlannedAttachments = { uploads: [], attachments: [], skipped: [] };
  parts.forEach((part, index) => {
    const type = sniff(part.content);
    const size = part.content.length;
    if (part.related && type?.startsWith('image/') && size < INLINE_DECORATION_BYTES) return;
    const name = part.filename?.slice(0, 255) ?? null;
    if (!type || size > ctx.maxBytes || planned.uploads.length >= MAX_STORED_ATTACHMENTS) {
      planned.skipped.push(name ?? part.contentType);
      return;
    }
    const id = uploadId(ctx.inboxId, ctx.externalMessageId, index);
    const shownName = name ?? `attachment-${index + 1}.${EXTENSION[type]}`;
    planned.uploads.push({
      id,
      contentType: type,
      name: shownName,
      size,
      sha256: createHash('sha256').update(part.content).digest('hex'),
      data: part.content,
    });
    planned.attachments.push({ url: uploadUrl(id, ctx.publicUrl), contentType: type, name: shownName, size });
  });
  return planned;
}
