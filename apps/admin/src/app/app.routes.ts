import { Routes } from '@angular/router';
import { authGuard, guestGuard, permissionGuard } from '@kefu/admin/auth/data-access';
import { Permission } from '@kefu/shared/contracts';
import { ShellComponent } from './layout/shell.component';

export const appRoutes: Routes = [
  {
    path: 'login',
    canActivate: [guestGuard],
    loadChildren: () => import('@kefu/admin/auth/feature').then((m) => m.authRoutes),
  },
  {
    path: '',
    component: ShellComponent,
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'conversations' },
      {
        path: 'conversations',
        loadChildren: () => import('@kefu/admin/conversations/feature').then((m) => m.conversationsRoutes),
      },
      {
        path: 'workspace',
        canActivate: [permissionGuard(Permission.HandoffWork)],
        loadChildren: () => import('@kefu/admin/workspace/feature').then((m) => m.workspaceRoutes),
      },
      {
        path: 'rules',
        canActivate: [permissionGuard(Permission.HandoffManage)],
        loadChildren: () => import('@kefu/admin/rules/feature').then((m) => m.rulesRoutes),
      },
      {
        path: 'teams',
        canActivate: [permissionGuard(Permission.HandoffWork)],
        loadChildren: () => import('@kefu/admin/handoff/feature').then((m) => m.teamsRoutes),
      },
      {
        path: 'kill-switch',
        canActivate: [permissionGuard(Permission.ConversationsRead)],
        loadChildren: () => import('@kefu/admin/handoff/feature').then((m) => m.killSwitchRoutes),
      },
      {
        path: 'human-edits',
        canActivate: [permissionGuard(Permission.HandoffManage)],
        loadChildren: () => import('@kefu/admin/handoff/feature').then((m) => m.humanEditsRoutes),
      },
      {
        path: 'audit',
        canActivate: [permissionGuard(Permission.AuditRead)],
        loadChildren: () => import('@kefu/admin/handoff/feature').then((m) => m.auditRoutes),
      },
      {
        path: 'llm',
        canActivate: [permissionGuard(Permission.LlmRead)],
        loadChildren: () => import('@kefu/admin/llm/feature').then((m) => m.llmRoutes),
      },
      {
        path: 'inboxes',
        loadChildren: () => import('@kefu/admin/inboxes/feature').then((m) => m.inboxesRoutes),
      },
      {
        path: 'webhooks',
        loadChildren: () => import('@kefu/admin/webhooks/feature').then((m) => m.webhooksRoutes),
      },
      {
        path: 'delivery-failures',
        loadChildren: () => import('@kefu/admin/webhooks/feature').then((m) => m.deliveryFailuresRoutes),
      },
      {
        path: 'nlu',
        loadChildren: () => import('@kefu/admin/nlu/feature').then((m) => m.nluRoutes),
      },
      {
        path: 'knowledge',
        loadChildren: () => import('@kefu/admin/knowledge/feature').then((m) => m.knowledgeRoutes),
      },
      {
        path: 'templates',
        loadChildren: () => import('@kefu/admin/dialogue/feature').then((m) => m.dialogueRoutes),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
