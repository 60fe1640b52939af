import { costUsd, priceFor } from './cost';

const none = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

describe('costUsd', () => {
  it.each([
    ['claude-sonnet-4-6', 3, 15],
    ['claude-sonnet-4-5-20250929', 3, 15],
    ['claude-opus-4-6', 5, 25],
    ['claude-opus-4-5-20251101', 5, 25],
    ['claude-opus-4-1-20250805', 15, 75],
    ['claude-3-opus-20240229', 15, 75],
    ['claude-haiku-4-5', 1, 5],
    ['claude-3-5-haiku-20241022', 0.8, 4],
    ['claude-3-haiku-20240307', 0.25, 1.25],
  ])('prices %s at %d in / %d out per million tokens', (model, input, output) => {
    expect(priceFor(model)).toMatchObject({ inputPerMTok: input, outputPerMTok: output });
    expect(costUsd(model, { ...none, inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(
      input + output,
      6,
    );
  });

  it('charges an unknown model like the dearest family, so the budget errs on the safe side', () => {
    expect(priceFor('claude-fable-5')).toMatchObject({ inputPerMTok: 15, outputPerMTok: 75 });
  });

  it('charges cache reads at a tenth of input and cache writes at 1.25× (5 min) or 2× (1 hour)', () => {
    const model = 'claude-sonnet-4-6';
    expect(costUsd(model, { ...none, cacheReadTokens: 1_000_000 })).toBeCloseTo(0.3, 6);
    expect(costUsd(model, { ...none, cacheWriteTokens: 1_000_000 })).toBeCloseTo(3.75, 6);
    expect(costUsd(model, { ...none, cacheWriteTokens: 1_000_000, cacheWrite1hTokens: 400_000 })).toBeCloseTo(
      0.6 * 3.75 + 0.4 * 6,
      6,
    );
  });

  it('is zero for a call that used nothing and rounds to a millionth of a dollar', () => {
    expect(costUsd('claude-sonnet-4-6', none)).toBe(0);
    expect(costUsd('claude-haiku-4-5', { ...none, inputTokens: 1 })).toBe(0.000001);
  });
});
