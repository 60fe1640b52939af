import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { hasPermission, InboxDto, Permission, Role } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { InboxesService, toInboxDto } from './inboxes.service';

type WithUser = { user?: { role: Role } };
const canManage = (req: WithUser) => !!req.user && hasPermission(req.user.role, Permission.InboxesManage);

@ApiTags('inboxes')
@Controller('api/v1/inboxes')
export class InboxesController {
  constructor(private readonly inboxes: InboxesService) {}

  @Get()
  @RequirePermissions(Permission.InboxesRead)
  async list(@Req() req: WithUser): Promise<InboxDto[]> {
    return (await this.inboxes.list()).map((i) => toInboxDto(i, { manage: canManage(req) }));
  }

  @Get(':id')
  @RequirePermissions(Permission.InboxesRead)
  async get(@Param('id') id: string, @Req() req: WithUser): Promise<InboxDto> {
    return toInboxDto(await this.inboxes.get(id), { manage: canManage(req) });
  }

  @Post()
  @RequirePermissions(Permission.InboxesManage)
  async create(@Body() body: unknown): Promise<InboxDto> {
    return toInboxDto(await this.inboxes.create(body), { manage: true, reveal: true });
  }

  @Patch(':id')
  @RequirePermissions(Permission.InboxesManage)
  async update(@Param('id') id: string, @Body() body: unknown): Promise<InboxDto> {
    return toInboxDto(await this.inboxes.update(id, body), { manage: true });
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequirePermissions(Permission.InboxesManage)
  async rotate(@Param('id') id: string): Promise<InboxDto> {
    return toInboxDto(await this.inboxes.rotateSecret(id), { manage: true, reveal: true });
  }
}
