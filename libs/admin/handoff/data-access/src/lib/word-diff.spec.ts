import { wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('marks the words the agent removed and added, keeping the rest', () => {
    const segs = wordDiff('Your order ships tomorrow.', 'Your order shipped today.');
    expect(segs.filter((s) => s.kind === 'removed').map((s) => s.text.trim())).toEqual(['ships tomorrow']);
    expect(segs.filter((s) => s.kind === 'added').map((s) => s.text.trim())).toEqual(['shipped today']);
    expect(segs[0]).toEqual({ text: 'Your order ', kind: 'same' });
  });

  it('gives back both texts exactly: the same and removed parts are the suggestion, same and added the edit', () => {
    const a = '您好，订单明天发货。';
    const b = '您好，订单今天已经发货。';
    const segs = wordDiff(a, b);
    expect(segs.filter((s) => s.kind !== 'added').map((s) => s.text).join('')).toBe(a);
    expect(segs.filter((s) => s.kind !== 'removed').map((s) => s.text).join('')).toBe(b);
    expect(segs.some((s) => s.kind === 'same' && s.text.includes('您好'))).toBe(true);
  });

  it('is one unchanged segment when nothing changed, and all added from an empty suggestion', () => {
    expect(wordDiff('same text', 'same text')).toEqual([{ text: 'same text', kind: 'same' }]);
    expect(wordDiff('', 'new text')).toEqual([{ text: 'new text', kind: 'added' }]);
  });
});
