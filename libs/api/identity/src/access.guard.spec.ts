import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Permission, Role, SESSION_COOKIE } from '@kefu/shared/contracts';
import { Authenticated, Public, RequirePermissions } from '@kefu/api/platform/http';
import { AccessGuard, AuthenticatedRequest } from './access.guard';
import type { AuthUser } from './auth-user';
import type { AuthService } from './auth.service';

class FakeController {
  @Public() open() {
    return 'open';
  }
  @RequirePermissions(Permission.UsersManage) manageUsers() {
    return 'manageUsers';
  }
  @RequirePermissions(Permission.InboxesRead, Permission.UsersRead) readInboxesAndUsers() {
    return 'readInboxesAndUsers';
  }
  @Authenticated() me() {
    return 'me';
  }
  forgotToDeclare() {
    return 'forgotToDeclare';
  }
}

@RequirePermissions(Permission.ConversationsRead)
class DeclaredOnClassController {
  list() {
    return 'list';
  }
}

const agent: AuthUser = { id: 'u-agent', email: 'agent@kefu.test', name: 'Agent', role: Role.Agent };
const admin: AuthUser = { id: 'u-admin', email: 'admin@kefu.test', name: 'Admin', role: Role.Admin };

/** Sessions keyed by token, standing in for the database. */
class FakeSessions implements Pick<AuthService, 'authenticate'> {
  readonly seen: string[] = [];
  constructor(private readonly byToken: Record<string, AuthUser>) {}
  async authenticate(token: string | undefined): Promise<AuthUser | null> {
    if (token) this.seen.push(token);
    return (token && this.byToken[token]) || null;
  }
}

function httpContext(
  controller: new () => object,
  handler: string,
  cookie?: string,
): { context: ExecutionContext; request: AuthenticatedRequest } {
  const request = { cookies: cookie ? { [SESSION_COOKIE]: cookie } : {} } as AuthenticatedRequest;
  const method = (controller.prototype as Record<string, () => void>)[handler];
  const context = new ExecutionContextHost([request, {}], controller, method);
  context.setType('http');
  return { context, request };
}

describe('AccessGuard', () => {
  const sessions = new FakeSessions({ 'agent-token': agent, 'admin-token': admin });
  const guard = new AccessGuard(new Reflector(), sessions);

  it('lets anyone reach a public route', async () => {
    const { context, request } = httpContext(FakeController, 'open');
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.user).toBeUndefined();
  });

  it('still recognises a signed-in caller on a public route', async () => {
    const { context, request } = httpContext(FakeController, 'open', 'agent-token');
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.user).toEqual(agent);
  });

  it('asks an anonymous caller to log in first', async () => {
    const { context } = httpContext(FakeController, 'manageUsers');
    await expect(guard.canActivate(context)).rejects.toThrow(new UnauthorizedException('log in first'));
  });

  it('treats an unknown or expired session like no session', async () => {
    const { context, request } = httpContext(FakeController, 'me', 'stale-token');
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(UnauthorizedException);
    expect(request.user).toBeUndefined();
  });

  it('refuses everyone, even an admin, on a route that declares no permission', async () => {
    const { context } = httpContext(FakeController, 'forgotToDeclare', 'admin-token');
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('tells an agent which permission they lack', async () => {
    const { context } = httpContext(FakeController, 'manageUsers', 'agent-token');
    await expect(guard.canActivate(context)).rejects.toThrow(
      new ForbiddenException('your role (agent) lacks the permission users.manage'),
    );
  });

  it('requires every listed permission, not just one of them', async () => {
    const { context } = httpContext(FakeController, 'readInboxesAndUsers', 'agent-token');
    await expect(guard.canActivate(context)).rejects.toThrow(/users\.read/);
  });

  it('lets a role holding the permission through and attaches the user', async () => {
    const { context, request } = httpContext(FakeController, 'manageUsers', 'admin-token');
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.user).toEqual(admin);
  });

  it('lets any signed-in user reach a route marked @Authenticated()', async () => {
    const { context, request } = httpContext(FakeController, 'me', 'agent-token');
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.user?.role).toBe(Role.Agent);
  });

  it('honours permissions declared on the controller class', async () => {
    const { context } = httpContext(DeclaredOnClassController, 'list', 'agent-token');
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });

  it('leaves websocket contexts to their gateway', async () => {
    const { context } = httpContext(FakeController, 'forgotToDeclare');
    (context as ExecutionContextHost).setType('ws');
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });
});
