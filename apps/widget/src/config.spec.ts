import { apiBaseOf, contextOf, identityOf } from './config';
import { checkImage, DEFAULT_UPLOAD_MAX_BYTES } from './upload';

describe('where the widget finds Kefu', () => {
  it('derives the API base and socket path from its own script URL, keeping a proxy prefix', () => {
    expect(apiBaseOf('https://kefu.example.com/widget.js')).toEqual({
      base: 'https://kefu.example.com',
      socketPath: '/socket.io',
    });
    expect(apiBaseOf('https://shop.example.com/kefu/widget.js?v=2#x')).toEqual({
      base: 'https://shop.example.com/kefu',
      socketPath: '/kefu/socket.io',
    });
    expect(apiBaseOf('http://127.0.0.1:3000/widget.js')).toEqual({
      base: 'http://127.0.0.1:3000',
      socketPath: '/socket.io',
    });
  });
});

describe('what the page passes', () => {
  it('passes a signed identity on, and ignores a malformed one', () => {
    expect(identityOf({ userId: 'C1', hash: 'ab', name: 'Li Lei', email: '', extra: 1 })).toEqual({
      userId: 'C1',
      hash: 'ab',
      name: 'Li Lei',
    });
    expect(identityOf({ userId: 'C1' })).toBeUndefined();
    expect(identityOf({ userId: 7, hash: 'x' })).toBeUndefined();
    expect(identityOf('C1')).toBeUndefined();
    expect(identityOf(null)).toBeUndefined();
  });

  it('sends the product, the order and the page URL with each message', () => {
    expect(contextOf({ productId: ' P1001 ', orderId: null }, 'https://shop.example.com/p/1001')).toEqual({
      productId: 'P1001',
      pageUrl: 'https://shop.example.com/p/1001',
    });
    expect(contextOf({ orderId: 88123 }, '')).toEqual({ orderId: '88123' });
    expect(contextOf(undefined, 'https://x.example/' + 'a'.repeat(3000)).pageUrl).toHaveLength(2048);
  });
});

describe('images the shopper attaches', () => {
  it('takes PNG, JPEG, GIF and WebP up to the limit, and says why it refuses others', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'IMAGE/PNG'])
      expect(checkImage({ type, size: 1000 }, DEFAULT_UPLOAD_MAX_BYTES)).toBeNull();
    expect(checkImage({ type: 'image/svg+xml', size: 10 }, DEFAULT_UPLOAD_MAX_BYTES)).toBe('badType');
    expect(checkImage({ type: 'application/pdf', size: 10 }, DEFAULT_UPLOAD_MAX_BYTES)).toBe('badType');
    expect(checkImage({ type: '', size: 10 }, DEFAULT_UPLOAD_MAX_BYTES)).toBe('badType');
    expect(
      checkImage({ type: 'image/png', size: DEFAULT_UPLOAD_MAX_BYTES + 1 }, DEFAULT_UPLOAD_MAX_BYTES),
    ).toBe('tooLarge');
    expect(
      checkImage({ type: 'image/png', size: DEFAULT_UPLOAD_MAX_BYTES }, DEFAULT_UPLOAD_MAX_BYTES),
    ).toBeNull();
  });
});
