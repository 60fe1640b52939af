export interface IntentMetrics {
  intent: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Confusion {
  expected: string;
  predicted: string;
  count: number;
  examples: string[];
}

export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  perIntent: IntentMetrics[];
  confusions: Confusion[];
}

/**
 * Accuracy, macro-F1 over the intents present in the gold labels, per-intent precision/recall/F1 and
 * the most frequent confusions (with up to three example texts each).
 */
export function classificationReport(
  rows: { text: string; expected: string; predicted: string }[],
  maxConfusions = 15,
): ClassificationReport {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const support = new Map<string, number>();
  const confusions = new Map<string, Confusion>();
  let correct = 0;
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of rows) {
    inc(support, r.expected);
    if (r.expected === r.predicted) {
      correct++;
      inc(tp, r.expected);
    } else {
      inc(fn, r.expected);
      inc(fp, r.predicted);
      const key = `${r.expected}\u0000${r.predicted}`;
      const c = confusions.get(key) ?? {
        expected: r.expected,
        predicted: r.predicted,
        count: 0,
        examples: [],
      };
      c.count++;
      if (c.examples.length < 3) c.examples.push(r.text);
      confusions.set(key, c);
    }
  }
  const perIntent: IntentMetrics[] = [...support.keys()].sort().map((intent) => {
    const t = tp.get(intent) ?? 0;
    const p = t + (fp.get(intent) ?? 0) === 0 ? 0 : t / (t + (fp.get(intent) ?? 0));
    const rc = t / (support.get(intent) as number);
    return {
      intent,
      precision: p,
      recall: rc,
      f1: p + rc === 0 ? 0 : (2 * p * rc) / (p + rc),
      support: support.get(intent) as number,
    };
  });
  const macroF1 = perIntent.length ? perIntent.reduce((s, m) => s + m.f1, 0) / perIntent.length : 0;
  return {
    n: rows.length,
    accuracy: rows.length ? correct / rows.length : 0,
    macroF1,
    perIntent,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count).slice(0, maxConfusions),
  };
}

export interface SpanLike {
  type: string;
  start: number;
  end: number;
}

export interface EntityReport {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  perType: { type: string; precision: number; recall: number; f1: number; support: number }[];
}

/** Entity F1 with exact matching: a predicted span is right when type, start and end all match. */
export function entityReport(rows: { gold: SpanLike[]; predicted: SpanLike[] }[]): EntityReport {
  const tp = new Map<string, number>();
  const goldN = new Map<string, number>();
  const predN = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of rows) {
    const gold = new Set(r.gold.map((e) => `${e.type}:${e.start}:${e.end}`));
    for (const e of r.gold) inc(goldN, e.type);
    for (const e of r.predicted) {
      inc(predN, e.type);
      if (gold.has(`${e.type}:${e.start}:${e.end}`)) inc(tp, e.type);
    }
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const f = (t: number, g: number, p: number) => {
    const precision = p ? t / p : 0;
    const recall = g ? t / g : 0;
    return {
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    };
  };
  const types = [...new Set([...goldN.keys(), ...predN.keys()])].sort();
  return {
    ...f(sum(tp), sum(goldN), sum(predN)),
    gold: sum(goldN),
    predicted: sum(predN),
    perType: types.map((type) => ({
      type,
      ...f(tp.get(type) ?? 0, goldN.get(type) ?? 0, predN.get(type) ?? 0),
      support: goldN.get(type) ?? 0,
    })),
  };
}
