import { INTENT_GLOSSARY } from '@kefu/api/llm';
import { HANDLED_INTENTS } from '../engine/dialogue-engine';

describe("Claude's classification glossary", () => {
  it('defines every intent the bot acts on, and nothing it does not', () => {
    expect(HANDLED_INTENTS.filter((i) => !INTENT_GLOSSARY[i])).toEqual([]);
    expect(Object.keys(INTENT_GLOSSARY).filter((i) => !HANDLED_INTENTS.includes(i))).toEqual([]);
  });
});
