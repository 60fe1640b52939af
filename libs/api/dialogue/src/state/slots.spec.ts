import { applyTurn, cancelDialogue, emptyState, mergeSlots, misunderstood, nextMissingSlot } from './slots';

describe('slot merging', () => {
  it('fills several slots from one message ("黑色,256G")', () => {
    const m = mergeSlots({}, { colour: '黑色', storage: '256G' });
    expect(m).toEqual({
      slots: { colour: '黑色', storage: '256G' },
      filled: ['colour', 'storage'],
      corrected: [],
    });
  });

  it('lets the shopper correct a slot ("不对,是M码") and reports the correction', () => {
    const m = mergeSlots({ size: 'L', colour: '黑色' }, { size: 'M' });
    expect(m.slots).toEqual({ size: 'M', colour: '黑色' });
    expect(m.corrected).toEqual(['size']);
    expect(m.filled).toEqual([]);
  });

  it('ignores empty values and does not change the slots it was given', () => {
    const current = { size: 'M' };
    const m = mergeSlots(current, { size: '  ', colour: null, storage: undefined, order_number: ' KF1001 ' });
    expect(m.slots).toEqual({ size: 'M', order_number: 'KF1001' });
    expect(current).toEqual({ size: 'M' });
  });

  it('treats the same value again as neither filled nor corrected', () => {
    expect(mergeSlots({ size: 'M' }, { size: 'M' })).toMatchObject({ filled: [], corrected: [] });
  });

  it('names the next slot to ask for', () => {
    expect(nextMissingSlot(['order_number', 'phone_tail'], { order_number: 'KF1' })).toBe('phone_tail');
    expect(nextMissingSlot(['order_number'], { order_number: 'KF1' })).toBeNull();
  });
});

describe('dialogue turns', () => {
  const start = emptyState('c1');

  it('asks for the next missing slot and remembers the order referred to', () => {
    const { state } = applyTurn(start, {
      intent: 'track_order',
      slots: { order_number: 'KF1001' },
      required: ['order_number', 'phone_tail'],
    });
    expect(state).toMatchObject({
      activeIntent: 'track_order',
      slots: { order_number: 'KF1001' },
      awaiting: 'phone_tail',
      turnCount: 1,
      lastOrderNumber: 'KF1001',
    });
    const next = applyTurn(state, {
      slots: { phone_tail: '5678' },
      required: ['order_number', 'phone_tail'],
    });
    expect(next.state).toMatchObject({ activeIntent: 'track_order', awaiting: null, turnCount: 2 });
    expect(next.merge.filled).toEqual(['phone_tail']);
  });

  it('drops the old topic slots on a new intent but keeps the last order and product', () => {
    const a = applyTurn(start, { intent: 'stock_query', slots: { product_id: 'p9', colour: '黑色' } }).state;
    const b = applyTurn(a, { intent: 'track_order', slots: { order_number: 'KF2' } }).state;
    expect(b.slots).toEqual({ order_number: 'KF2' });
    expect(b).toMatchObject({ lastProductId: 'p9', lastOrderNumber: 'KF2' });
  });

  it('counts misunderstood turns and resets the count on an understood one', () => {
    const twice = misunderstood(misunderstood(start));
    expect(twice).toMatchObject({ misunderstandings: 2, turnCount: 2 });
    expect(applyTurn(twice, { intent: 'greeting' }).state.misunderstandings).toBe(0);
  });

  it('clears the intent, slots and pending question on cancel, keeping the context', () => {
    const a = applyTurn(start, {
      intent: 'exchange_item',
      slots: { order_number: 'KF3', size: 'M' },
      required: ['colour'],
    }).state;
    const c = cancelDialogue(a);
    expect(c).toMatchObject({
      activeIntent: null,
      slots: {},
      awaiting: null,
      lastOrderNumber: 'KF3',
      turnCount: 2,
    });
  });
});
