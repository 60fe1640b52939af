import { ConversationStatus } from '@kefu/shared/contracts';
import { isEdited, normaliseReply } from './agent-reply.service';
import { normaliseTags } from './conversation-actions.service';
import { QueueItemRow, toQueueItemDto } from './queue-items';

const row = (over: Partial<QueueItemRow> = {}): QueueItemRow => ({
  id: 'c1',
  inbox_id: 'i1',
  inbox_name: 'Shop',
  channel: 'api',
  status: ConversationStatus.PendingHuman,
  handoff_reason: 'customer_request',
  team_id: 't1',
  assignee_id: null,
  priority: 4,
  tags: ['vip'],
  message_count: 3,
  last_message_at: new Date('2025-01-01T10:00:00Z'),
  last_message_preview: 'hi',
  created_at: new Date('2025-01-01T09:00:00Z'),
  contact_id: 'k1',
  contact_name: null,
  contact_email: null,
  contact_phone: null,
  contact_created_at: new Date('2025-01-01T09:00:00Z'),
  external_id: 'u-1',
  team_name: 'Returns',
  assignee_name: null,
  handoff_at: new Date('2025-01-01T10:00:00Z'),
  first_human_reply_at: null,
  escalated_at: null,
  ...over,
});

describe('workspace mapping and normalisation', () => {
  const now = new Date('2025-01-01T10:02:30Z');

  it('counts the wait from the hand-off until a human answers', () => {
    expect(toQueueItemDto(row(), now)).toMatchObject({
      priority: 'urgent',
      teamName: 'Returns',
      waitingSeconds: 150,
      assignee: null,
      handoffAt: '2025-01-01T10:00:00.000Z',
    });
    expect(
      toQueueItemDto(row({ first_human_reply_at: new Date('2025-01-01T10:01:00Z') }), now).waitingSeconds,
    ).toBeNull();
    expect(toQueueItemDto(row({ status: ConversationStatus.Resolved }), now).waitingSeconds).toBeNull();
    expect(toQueueItemDto(row({ assignee_id: 'u1', assignee_name: 'Alice' }), now).assignee).toEqual({
      id: 'u1',
      name: 'Alice',
    });
  });

  it('treats whitespace-only changes to a suggestion as no edit', () => {
    expect(isEdited('Hello  there', ' Hello there\n')).toBe(false);
    expect(isEdited('Hello there', 'Hello there!')).toBe(true);
    expect(normaliseReply('  a \n\t b ')).toBe('a b');
  });

  it('trims tags and drops repeats whatever their case, keeping the first spelling', () => {
    expect(normaliseTags([' VIP ', 'vip', 'late  delivery', 'Late delivery', ''])).toEqual([
      'VIP',
      'late delivery',
    ]);
  });
});
