import { safeFileName, sniffImageType } from './image-sniff';

const bytes = (...b: number[]) => Buffer.from(b);
const PNG = Buffer.concat([bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), Buffer.alloc(16)]);
const JPEG = Buffer.concat([bytes(0xff, 0xd8, 0xff, 0xe0), Buffer.alloc(16)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(16)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), bytes(0x24, 0, 0, 0), Buffer.from('WEBPVP8 '), Buffer.alloc(16)]);

describe('image sniffing', () => {
  it('recognises PNG, JPEG, GIF (87a and 89a) and WebP by their first bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(GIF)).toBe('image/gif');
    expect(sniffImageType(Buffer.concat([Buffer.from('GIF87a'), Buffer.alloc(8)]))).toBe('image/gif');
    expect(sniffImageType(WEBP)).toBe('image/webp');
  });

  it('refuses SVG, HTML, text named like an image, other RIFF files and truncated headers', () => {
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffImageType(Buffer.from('<?xml version="1.0"?><svg/>'))).toBeNull();
    expect(sniffImageType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffImageType(Buffer.from('just some text in a file called photo.png'))).toBeNull();
    expect(sniffImageType(Buffer.concat([Buffer.from('RIFF'), bytes(0, 0, 0, 0), Buffer.from('WAVEfmt '), Buffer.alloc(8)]))).toBeNull();
    expect(sniffImageType(PNG.subarray(0, 7))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });

  it('names the stored file after the real type, without paths or header-breaking characters', () => {
    expect(safeFileName('photo.png', 'image/jpeg')).toBe('photo.jpg');
    expect(safeFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(safeFileName('C:\\Users\\li\\我的照片.webp', 'image/webp')).toBe('我的照片.webp');
    expect(safeFileName('a"b\r\nc<d>.gif', 'image/gif')).toBe('abcd.gif');
    expect(safeFileName(undefined, 'image/png')).toBe('image.png');
    expect(safeFileName('x'.repeat(500), 'image/png')).toHaveLength(124);
  });
});
