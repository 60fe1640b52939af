import { type SizeChart, adviseSize } from './size-advice';

const TEE: SizeChart = {
  entries: [
    { size: 'S', heightCm: { min: 155, max: 165 }, weightKg: { min: 45, max: 55 } },
    { size: 'M', heightCm: { min: 165, max: 175 }, weightKg: { min: 55, max: 65 } },
    { size: 'L', heightCm: { min: 175, max: 185 }, weightKg: { min: 65, max: 78 } },
    { size: 'XL', heightCm: { min: 185, max: 195 }, weightKg: { min: 78, max: 90 } },
  ],
};
const SHOES: SizeChart = {
  entries: [
    { size: '40', footLengthCm: { min: 24.5, max: 25 } },
    { size: '41', footLengthCm: { min: 25.1, max: 25.5 } },
    { size: '42', footLengthCm: { min: 25.6, max: 26 } },
    { size: '42.5', footLengthCm: { min: 26.1, max: 26.5 } },
  ],
};

describe('adviseSize', () => {
  it('recommends the size whose height and weight ranges both contain the shopper', () => {
    const r = adviseSize({ heightCm: 170, weightKg: 60, chart: TEE });
    expect(r).toMatchObject({
      status: 'advice',
      size: 'M',
      confidence: 0.9,
      alternatives: [],
      betweenSizes: false,
    });
    expect(r.reason['zh-CN']).toBe('身高170cm、体重60kg对应 M 码，推荐 M');
    expect(r.reason.en).toContain('we recommend M');
    expect(r.reason.ja).toContain('Mがおすすめです');
  });

  it('is between sizes when height says M and weight says L, and sizes up by default', () => {
    const r = adviseSize({ heightCm: 170, weightKg: 70, chart: TEE });
    expect(r).toMatchObject({
      status: 'advice',
      size: 'L',
      alternatives: ['M'],
      betweenSizes: true,
      confidence: 0.65,
    });
    expect(r.reason['zh-CN']).toBe('身高170cm、体重70kg介于 M 和 L 之间；建议选大一码 L，穿着更舒适');
  });

  it('treats a value on a shared boundary as between the two sizes', () => {
    const r = adviseSize({ heightCm: 175, weightKg: 65, chart: TEE });
    expect(r).toMatchObject({ size: 'L', alternatives: ['M'], betweenSizes: true });
  });

  it('follows the fit preference when between sizes', () => {
    expect(adviseSize({ heightCm: 170, weightKg: 70, fit: 'snug', chart: TEE })).toMatchObject({
      size: 'M',
      alternatives: ['L'],
    });
    const loose = adviseSize({ heightCm: 170, weightKg: 70, fit: 'loose', chart: TEE });
    expect(loose).toMatchObject({ size: 'L' });
    expect(loose.reason.en).toContain('for a loose fit, take L');
  });

  it('uses the usual size to break a tie and gains confidence from it', () => {
    const r = adviseSize({ heightCm: 170, weightKg: 70, usualSize: 'm', chart: TEE });
    expect(r).toMatchObject({ size: 'M', alternatives: ['L'], confidence: 0.7 });
    expect(r.reason['zh-CN']).toContain('与您平时穿的一致，推荐 M');
  });

  it('lowers confidence when the usual size disagrees with the measurements', () => {
    const r = adviseSize({ heightCm: 170, weightKg: 60, usualSize: 'XL', chart: TEE });
    expect(r).toMatchObject({ size: 'M', confidence: 0.75 });
    expect(r.reason.en).toContain('differs from your usual XL');
  });

  it('gives low confidence and a warning when the shopper is off the chart', () => {
    const r = adviseSize({ heightCm: 200, weightKg: 100, chart: TEE });
    expect(r).toMatchObject({ status: 'advice', size: 'XL', confidence: 0.3 });
    expect(r.reason['zh-CN']).toContain('超出尺码表范围');
  });

  it('recommends numeric EU shoe sizes from foot length, including half sizes', () => {
    expect(adviseSize({ footLengthCm: 26.3, chart: SHOES })).toMatchObject({ size: '42.5', confidence: 0.8 });
    // 25.55 falls in the gap between 41 and 42 → the nearest (a tie → the larger).
    expect(adviseSize({ footLengthCm: 25.55, chart: SHOES })).toMatchObject({ size: '42' });
    expect(adviseSize({ footLengthCm: 25.2, usualSize: '41.0', chart: SHOES })).toMatchObject({
      size: '41',
      confidence: 0.85,
    });
  });

  it('falls back to the usual size with modest confidence when the chart has no body data', () => {
    const bare: SizeChart = { entries: [{ size: 'S' }, { size: 'M' }] };
    const r = adviseSize({ heightCm: 170, weightKg: 60, usualSize: 'M', chart: bare });
    expect(r).toMatchObject({ status: 'advice', size: 'M', confidence: 0.5, basis: [] });
  });

  it('returns a clear no-advice result when the chart lacks the data', () => {
    const r = adviseSize({ heightCm: 170, weightKg: 60, chart: SHOES });
    expect(r).toEqual({ status: 'no_advice', confidence: 0, reason: expect.any(Object) });
    expect(r.reason['zh-CN']).toContain('暂时无法推荐尺码');
    expect(r.reason.en).toContain('cannot recommend a size');
    expect(adviseSize({ heightCm: 170, usualSize: 'XXXL', chart: { entries: [{ size: 'S' }] } }).status).toBe(
      'no_advice',
    );
  });

  it('uses only the dimensions the chart covers', () => {
    const chestOnly: SizeChart = {
      entries: [
        { size: 'S', chestCm: { min: 80, max: 88 } },
        { size: 'M', chestCm: { min: 89, max: 96 } },
      ],
    };
    const r = adviseSize({ heightCm: 170, weightKg: 60, chestCm: 92, chart: chestOnly });
    expect(r).toMatchObject({ size: 'M', basis: ['chestCm'], confidence: 0.8 });
  });

  describe('bad input', () => {
    it.each([
      [{ heightCm: -170, chart: TEE }, /heightCm must be a number between/],
      [{ weightKg: Number.NaN, chart: TEE }, /weightKg/],
      [{ heightCm: 170, chart: { entries: [] } }, /chart.entries must not be empty/],
      [{ heightCm: 170, chart: { entries: [{ size: 'S' }, { size: 'S' }] } }, /duplicated/],
      [
        { heightCm: 170, chart: { entries: [{ size: 'S', heightCm: { min: 180, max: 170 } }] } },
        /min <= max/,
      ],
      [{ heightCm: 170, fit: 'baggy', chart: TEE }, /fit must be/],
    ])('throws RangeError (%#)', (input, message) => {
      expect(() => adviseSize(input as never)).toThrow(RangeError);
      expect(() => adviseSize(input as never)).toThrow(message);
    });
  });
});
