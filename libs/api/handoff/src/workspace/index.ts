import type { Provider, Type } from '@nestjs/common';
import { AgentReplyService } from './agent-reply.service';
import { ConversationActionsService } from './conversation-actions.service';
import { HumanEditsController } from './human-edits.controller';
import { HumanEditsService } from './human-edits.service';
import { NotesService } from './notes.service';
import { WorkspaceController, WorkspaceQueueController } from './workspace.controller';
import { WorkspaceService } from './workspace.service';
import { WorkspaceTx } from './workspace-tx.service';

/** This area's providers and controllers, wired by HandoffModule. */
export const WORKSPACE_PROVIDERS: Provider[] = [
  WorkspaceService,
  WorkspaceTx,
  ConversationActionsService,
  AgentReplyService,
  NotesService,
  HumanEditsService,
];
export const WORKSPACE_CONTROLLERS: Type<unknown>[] = [
  WorkspaceQueueController,
  WorkspaceController,
  HumanEditsController,
];

export { HumanEditsService, toHumanEditDto } from './human-edits.service';
export { WorkspaceService } from './workspace.service';
export { ConversationActionsService, normaliseTags } from './conversation-actions.service';
export { AgentReplyService, isEdited, normaliseReply } from './agent-reply.service';
export { NotesService } from './notes.service';
export { loadQueueItem, toQueueItemDto, SELECT_QUEUE_ITEM } from './queue-items';
export type { QueueItemRow } from './queue-items';
