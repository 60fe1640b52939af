import { Routes } from '@angular/router';
import { authGuard, guestGuard } from '@kefu/admin/auth/data-access';
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
