/** Image types the widget accepts, recognised by their first bytes (never by name or declared type). */
export type WidgetImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export const WIDGET_IMAGE_TYPES: readonly WidgetImageType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

const startsWith = (buf: Buffer, bytes: number[], at = 0) => buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The image type of `data` by its magic bytes, or null. SVG is never an image here: it is XML that
 * can carry script, so it is refused like any other text.
 */
export function sniffImageType(data: Buffer): WidgetImageType | null {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8) && data.length >= 16) return 'image/webp';
  return null;
}

const EXTENSIONS: Record<WidgetImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * A file name safe to store and to show: no path, no control or quote characters, at most 120
 * characters, with the extension of the type the bytes really are.
 */
export function safeFileName(name: string | undefined | null, type: WidgetImageType): string {
  const base = ((name ?? '').split(/[\\/]/).at(-1) ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>*?|:;]/g, '')
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .slice(0, 120);
  return `${base || 'image'}.${EXTENSIONS[type]}`;
}
