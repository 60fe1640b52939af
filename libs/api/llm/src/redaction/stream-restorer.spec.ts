import { redact } from './redact';
import { StreamRestorer } from './stream-restorer';

describe('StreamRestorer', () => {
  const { map } = redact('13812345678 a@b.cn');

  it('restores a placeholder split across deltas without showing half of it', () => {
    const s = new StreamRestorer(map);
    const shown = [s.push('我们会打 ⟦PH'), s.push('ONE_'), s.push('1⟧ 联系您'), s.end()];
    expect(shown).toEqual(['我们会打 ', '', '13812345678 联系您', '']);
  });

  it('passes ordinary text through at once and flushes an unfinished bracket at the end', () => {
    const s = new StreamRestorer(map);
    expect(s.push('Hello ')).toBe('Hello ');
    expect(s.push('see ⟦EMAIL_1⟧ and ⟦')).toBe('see a@b.cn and ');
    expect(s.end()).toBe('⟦');
  });

  it('does not hold back text after a bracket that cannot begin a placeholder', () => {
    const s = new StreamRestorer(map);
    expect(s.push('⟦hello')).toBe('⟦hello');
  });
});
