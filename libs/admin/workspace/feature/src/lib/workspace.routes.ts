import { inject } from '@angular/core';
import { CanActivateFn, Router, Routes } from '@angular/router';
import { AuthService } from '@kefu/admin/auth/data-access';
import { Permission } from '@kefu/shared/contracts';
import { provideWorkspaceIcons } from './workspace-icons';
import { WorkspacePageComponent } from './workspace-page.component';

/** Only staff who work conversations (`handoff.work`: admins and agents); others go to the conversation list. */
export const handoffWorkGuard: CanActivateFn = () =>
  inject(AuthService).can(Permission.HandoffWork) || inject(Router).createUrlTree(['/conversations']);

/** `/workspace`: the agent workspace (queue, live conversation, profile, suggestions). */
export const workspaceRoutes: Routes = [
  {
    path: '',
    component: WorkspacePageComponent,
    canActivate: [handoffWorkGuard],
    providers: [provideWorkspaceIcons()],
    title: 'workspace.title',
  },
];
