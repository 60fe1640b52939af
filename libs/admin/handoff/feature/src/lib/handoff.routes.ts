import { Routes } from '@angular/router';
import { AuditPageComponent } from './audit/audit-page.component';
import { provideHandoffIcons } from './handoff-icons';
import { HumanEditsPageComponent } from './human-edits/human-edits-page.component';
import { KillSwitchPageComponent } from './kill-switch/kill-switch-page.component';
import { TeamsPageComponent } from './teams/teams-page.component';

/** `/teams`: teams, members and business hours. */
export const teamsRoutes: Routes = [
  { path: '', component: TeamsPageComponent, providers: [provideHandoffIcons()], title: 'teams.title' },
];
/** `/kill-switch`: pause the bot globally, per channel or per intent. */
export const killSwitchRoutes: Routes = [
  { path: '', component: KillSwitchPageComponent, providers: [provideHandoffIcons()], title: 'killSwitch.title' },
];
/** `/human-edits`: suggested replies agents changed, to send to the knowledge base or training data. */
export const humanEditsRoutes: Routes = [
  { path: '', component: HumanEditsPageComponent, providers: [provideHandoffIcons()], title: 'humanEdits.title' },
];
/** `/audit`: the append-only audit log. */
export const auditRoutes: Routes = [
  { path: '', component: AuditPageComponent, providers: [provideHandoffIcons()], title: 'audit.title' },
];
