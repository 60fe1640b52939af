import type { AgentAvailability, AssignmentStrategy } from '@kefu/shared/contracts';

/** A team member as auto-assignment sees them. */
export interface AssignmentCandidate {
  userId: string;
  capacity: number;
  availability: AgentAvailability;
  /** Assigned conversations waiting for or owned by a human. */
  load: number;
  /** When they were last given a hand-off (null: never). */
  lastAssignedAt: Date | null;
}

/**
 * Who gets the next conversation: only members who are online and under their capacity (and not
 * excluded). `least_load`: the fewest open conversations, then the longest since their last
 * assignment, then the user id. `round_robin`: the next eligible member after the last one assigned,
 * in user-id order, wrapping around. Null when nobody is available.
 */
export function chooseAssignee(
  members: AssignmentCandidate[],
  strategy: AssignmentStrategy,
  lastAssignedUserId: string | null,
  exclude: readonly string[] = [],
): string | null {
  const eligible = (m: AssignmentCandidate) => m.availability === 'online' && m.load < m.capacity && !exclude.includes(m.userId);
  const ordered = [...members].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  if (strategy === 'round_robin') {
    const start = lastAssignedUserId ? ordered.findIndex((m) => m.userId > lastAssignedUserId) : 0;
    const from = start < 0 ? 0 : start;
    for (let i = 0; i < ordered.length; i++) {
      const m = ordered[(from + i) % ordered.length];
      if (eligible(m)) return m.userId;
    }
    return null;
  }
  const time = (d: Date | null) => (d ? d.getTime() : -Infinity);
  const best = ordered.filter(eligible).sort((a, b) => a.load - b.load || time(a.lastAssignedAt) - time(b.lastAssignedAt))[0];
  return best?.userId ?? null;
}

/**
 * Minutes the shopper can expect to wait: their place in the team's queue times the team's average
 * time to a first human answer, shared among the members online; rounded up, at least one.
 */
export function expectedWaitMinutes(queuePosition: number, averageMinutes: number | null, onlineMembers: number): number {
  const avg = averageMinutes !== null && Number.isFinite(averageMinutes) && averageMinutes > 0 ? averageMinutes : DEFAULT_ANSWER_MINUTES;
  return Math.max(1, Math.ceil((Math.max(1, queuePosition) * avg) / Math.max(1, onlineMembers)));
}

/** The assumed time to a first human answer when a team has answered nothing yet. */
export const DEFAULT_ANSWER_MINUTES = 3;
