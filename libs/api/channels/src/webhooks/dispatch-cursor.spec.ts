import { advanceCursor, parseGaps } from './dispatch-cursor';

const now = 1_763_700_000_000;

describe('webhook dispatch cursor', () => {
  it('moves to the last id read when the ids have no holes', () => {
    expect(advanceCursor({ last: '10', gaps: [] }, ['11', '12', '13'], new Set(), now)).toEqual({
      last: '13',
      gaps: [],
    });
  });

  it('remembers ids skipped by a transaction that has not committed yet, and moves past them', () => {
    const next = advanceCursor({ last: '10', gaps: [] }, ['11', '14'], new Set(), now);
    expect(next).toEqual({
      last: '14',
      gaps: [
        { id: '12', since: now },
        { id: '13', since: now },
      ],
    });
  });

  it('forgets a gap once its row shows up', () => {
    const next = advanceCursor(
      {
        last: '14',
        gaps: [
          { id: '12', since: now },
          { id: '13', since: now },
        ],
      },
      ['15'],
      new Set(['12']),
      now + 50,
    );
    expect(next).toEqual({ last: '15', gaps: [{ id: '13', since: now }] });
  });

  it('gives up on a gap after the grace period (a rolled-back transaction never fills its id)', () => {
    const next = advanceCursor(
      { last: '14', gaps: [{ id: '12', since: now }] },
      [],
      new Set(),
      now + 60_001,
      60_000,
    );
    expect(next).toEqual({ last: '14', gaps: [] });
  });

  it('keeps the cursor where it was when nothing new was read', () => {
    expect(advanceCursor({ last: '7', gaps: [] }, [], new Set(), now)).toEqual({ last: '7', gaps: [] });
  });

  it('handles ids past 2^53 exactly', () => {
    expect(
      advanceCursor({ last: '9007199254740993', gaps: [] }, ['9007199254740995'], new Set(), now),
    ).toEqual({
      last: '9007199254740995',
      gaps: [{ id: '9007199254740994', since: now }],
    });
  });

  it('remembers at most the newest gaps when a huge range is missing', () => {
    const next = advanceCursor({ last: '0', gaps: [] }, ['100000'], new Set(), now, 60_000, 5);
    expect(next.last).toBe('100000');
    expect(next.gaps.map((g) => g.id)).toEqual(['99995', '99996', '99997', '99998', '99999']);
  });

  it('reads stored gaps defensively', () => {
    expect(parseGaps([{ id: '3', since: 1 }, { id: 'x', since: 2 }, null, 'junk'])).toEqual([
      { id: '3', since: 1 },
    ]);
    expect(parseGaps('nope')).toEqual([]);
  });
});
