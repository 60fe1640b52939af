import { classificationReport, entityReport } from './metrics';

describe('classificationReport', () => {
  it('computes accuracy, per-intent precision/recall/F1, macro-F1 and the worst confusions', () => {
    const r = classificationReport([
      { text: 'a', expected: 'x', predicted: 'x' },
      { text: 'b', expected: 'x', predicted: 'y' },
      { text: 'c', expected: 'y', predicted: 'y' },
      { text: 'd', expected: 'y', predicted: 'y' },
    ]);
    expect(r.accuracy).toBe(0.75);
    const x = r.perIntent.find((m) => m.intent === 'x');
    const y = r.perIntent.find((m) => m.intent === 'y');
    expect(x).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(y?.precision).toBeCloseTo(2 / 3);
    expect(y?.recall).toBe(1);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2);
    expect(r.confusions).toEqual([{ expected: 'x', predicted: 'y', count: 1, examples: ['b'] }]);
  });

  it('reports zeros for an empty set instead of dividing by zero', () => {
    expect(classificationReport([])).toMatchObject({ n: 0, accuracy: 0, macroF1: 0 });
  });
});

describe('entityReport', () => {
  it('counts a predicted entity as right only when type, start and end all match', () => {
    const r = entityReport([
      {
        gold: [
          { type: 'email', start: 0, end: 5 },
          { type: 'phone', start: 6, end: 17 },
        ],
        predicted: [
          { type: 'email', start: 0, end: 5 },
          { type: 'phone', start: 6, end: 16 },
          { type: 'money', start: 20, end: 23 },
        ],
      },
    ]);
    expect(r.precision).toBeCloseTo(1 / 3);
    expect(r.recall).toBe(0.5);
    expect(r.perType.find((t) => t.type === 'email')?.f1).toBe(1);
  });
});
