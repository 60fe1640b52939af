import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { KillSwitchDto, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { KillSwitchService } from './kill-switch.service';

/** The kill switch: every staff member sees it (the banner); admins switch it. */
@ApiTags('handoff')
@Controller('api/v1/handoff/kill-switch')
export class KillSwitchController {
  constructor(private readonly killSwitch: KillSwitchService) {}

  @Get()
  @RequirePermissions(Permission.ConversationsRead)
  state(): Promise<KillSwitchDto> {
    return this.killSwitch.state();
  }

  @Post()
  @RequirePermissions(Permission.HandoffManage)
  @ApiOperation({ summary: 'Pause the bot (global, a channel or an intent); queued conversations go to humans at once' })
  on(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<KillSwitchDto> {
    return this.killSwitch.switchOn(body, user);
  }

  @Delete(':id')
  @RequirePermissions(Permission.HandoffManage)
  off(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<KillSwitchDto> {
    return this.killSwitch.switchOff(id, user);
  }
}
