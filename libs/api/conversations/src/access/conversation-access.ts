import { ForbiddenException, Injectable } from '@nestjs/common';
import { hasPermission, Permission, Role } from '@kefu/shared/contracts';

/** Who is asking: enough to decide what they may see. */
export interface Viewer {
  id: string;
  role: Role;
}

/** What one viewer may see: everything, or the conversations of their teams and their own. */
export interface AccessScope {
  all: boolean;
  userId: string;
  teamIds: string[];
}

/** The teams a user belongs to; the hand-off domain provides it. */
export type TeamsOf = (userId: string) => Promise<string[]>;

/**
 * Which conversations a staff member may see and act on. Holders of `conversations.read_all`
 * (admins, analysts, compliance officers) see all of them; everyone else (agents) sees the
 * conversations routed to one of their teams and those assigned to them. The hand-off domain
 * registers how team membership is looked up; until it does, agents see only their own.
 */
@Injectable()
export class ConversationAccess {
  private teamsOf: TeamsOf = async () => [];

  useTeams(teamsOf: TeamsOf): void {
    this.teamsOf = teamsOf;
  }

  async scopeOf(viewer: Viewer): Promise<AccessScope> {
    if (hasPermission(viewer.role, Permission.ConversationsReadAll)) return { all: true, userId: viewer.id, teamIds: [] };
    return { all: false, userId: viewer.id, teamIds: await this.teamsOf(viewer.id) };
  }

  /** A WHERE fragment over `c` (conversations), pushing its parameters; null when unrestricted. */
  sql(scope: AccessScope, params: unknown[], alias = 'c'): string | null {
    if (scope.all) return null;
    return `(${alias}.assignee_id = $${params.push(scope.userId)}::uuid OR ${alias}.team_id = ANY($${params.push(scope.teamIds)}::uuid[]))`;
  }

  allows(scope: AccessScope, conversation: { teamId: string | null; assigneeId: string | null }): boolean {
    if (scope.all) return true;
    return conversation.assigneeId === scope.userId || (!!conversation.teamId && scope.teamIds.includes(conversation.teamId));
  }

  /** 403 for a conversation outside the viewer's scope. */
  assert(scope: AccessScope, conversation: { id: string; teamId: string | null; assigneeId: string | null }): void {
    if (!this.allows(scope, conversation)) throw new ForbiddenException(`conversation ${conversation.id} is not routed to your teams or to you`);
  }
}
