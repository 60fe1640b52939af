import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HandoffNotificationDto, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { NotificationsService } from './notifications.service';

@ApiTags('handoff')
@Controller('api/v1/handoff/notifications')
@RequirePermissions(Permission.HandoffWork)
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<HandoffNotificationDto[]> {
    return this.notifications.list(user);
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.notifications.markRead(user, id);
  }
}
