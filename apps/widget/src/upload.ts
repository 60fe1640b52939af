import type { UploadResult } from './protocol';

/** The image types the server takes (it checks the bytes too). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
/** WIDGET_UPLOAD_MAX_BYTES' default; the session's `settings.uploadMaxBytes` overrides it when sent. */
export const DEFAULT_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

export type UploadProblem = 'badType' | 'tooLarge' | 'uploadFailed';

/** Checked before uploading, so the shopper hears at once rather than after sending megabytes. */
export function checkImage(file: { type: string; size: number }, maxBytes: number): UploadProblem | null {
  if (!(IMAGE_TYPES as readonly string[]).includes((file.type || '').toLowerCase())) return 'badType';
  if (file.size > maxBytes) return 'tooLarge';
  return null;
}

export class UploadError extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem);
  }
}

/** POST /api/v1/widget/:inboxId/uploads (multipart, field `file`), as the visitor. */
export async function uploadImage(
  base: string,
  inboxId: string,
  visitorToken: string,
  file: File,
): Promise<UploadResult> {
  const form = new FormData();
  form.append('file', file, file.name || 'image');
  let res: Response;
  try {
    res = await fetch(`${base}/api/v1/widget/${encodeURIComponent(inboxId)}/uploads`, {
      method: 'POST',
      headers: { 'X-Kefu-Visitor': visitorToken },
      body: form,
      credentials: 'omit',
    });
  } catch {
    throw new UploadError('uploadFailed');
  }
  if (res.status === 413) throw new UploadError('tooLarge');
  if (res.status === 415) throw new UploadError('badType');
  if (!res.ok) throw new UploadError('uploadFailed');
  const body = (await res.json().catch(() => null)) as UploadResult | null;
  if (!body || typeof body.uploadId !== 'string') throw new UploadError('uploadFailed');
  return body;
}
