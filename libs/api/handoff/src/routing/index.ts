import type { Provider, Type } from '@nestjs/common';
import { HandoffRouter } from './handoff-router.service';
import { KillSwitchController } from './kill-switch.controller';
import { KillSwitchService } from './kill-switch.service';
import { KillSwitchStage } from './kill-switch.stage';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { SlaEscalationService } from './sla-escalation.service';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';

/** This area's providers and controllers, wired by HandoffModule. */
export const ROUTING_PROVIDERS: Provider[] = [TeamsService, HandoffRouter, NotificationsService, SlaEscalationService, KillSwitchService, KillSwitchStage];
export const ROUTING_CONTROLLERS: Type<unknown>[] = [TeamsController, NotificationsController, KillSwitchController];

export { HandoffRouter, insertNotification, settingsOf } from './handoff-router.service';
export type { HandoffRequest, RoutingOutcome } from './handoff-router.service';
export { TeamsService } from './teams.service';
export type { AgentDto, MyHandoffDto } from './teams.service';
export { NotificationsService } from './notifications.service';
export { SlaEscalationService, SLA_INTERVAL_MS } from './sla-escalation.service';
export { KillSwitchService } from './kill-switch.service';
export { KillSwitchStage } from './kill-switch.stage';
export { seedDefaultTeams } from './teams-seed';
export type { DefaultTeams } from './teams-seed';
export { nextOpening, openAt, ALWAYS_OPEN } from './business-hours';
export { chooseAssignee, expectedWaitMinutes, DEFAULT_ANSWER_MINUTES } from './assignment';
export type { AssignmentCandidate } from './assignment';
