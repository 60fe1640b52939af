import { classifyInstructions, classifyTool } from './intent-classifier';
import { glossaryLines, INTENT_GLOSSARY } from './intent-glossary';

const TAXONOMY = Object.keys(INTENT_GLOSSARY);

describe('the classification request', () => {
  it('tells Claude what each intent means, and lists an intent an admin added by its name', () => {
    const text = classifyInstructions([...TAXONOMY, 'gift_wrapping']);
    expect(text).toContain('- delivery_period: how long delivery takes in general');
    expect(text).toContain('- track_order: where an order or parcel is now');
    expect(text).toContain('转人工');
    expect(text.split('\n')).toContain('- gift_wrapping');
  });

  it('is the same text for the same taxonomy in any order, so the prompt cache matches it', () => {
    const shuffled = [...TAXONOMY].reverse();
    expect(classifyInstructions(shuffled)).toBe(classifyInstructions(TAXONOMY));
    expect(JSON.stringify(classifyTool(shuffled))).toBe(JSON.stringify(classifyTool([...TAXONOMY, 'track_order'])));
    expect(glossaryLines(['b_x', 'a_x', 'a_x'])).toEqual(['- a_x', '- b_x']);
  });

  it('is long enough to be cached: the tool and the instructions pass the 1,024-token minimum', () => {
    // A conservative count: about 4 characters a token for English, one or more a token for CJK. Below the
    // model's minimum the cache_control marks are silently ignored and every call is paid in full.
    const text = classifyInstructions(TAXONOMY) + JSON.stringify(classifyTool(TAXONOMY));
    const cjk = (text.match(/[\u3040-\u30ff\u3400-\u9fff]/g) ?? []).length;
    const estimate = Math.round((text.length - cjk) / 4 + cjk);
    expect(estimate).toBeGreaterThan(1_024);
  });

  it('forces one intent of the taxonomy, and caches the tool', () => {
    const tool = classifyTool(['track_order', 'greeting']);
    expect(tool.input_schema.properties).toMatchObject({ intent: { enum: ['greeting', 'track_order'] } });
    expect(tool.cache_control).toEqual({ type: 'ephemeral' });
  });
});
