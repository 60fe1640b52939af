import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, TeamDto } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { AgentDto, MyHandoffDto, TeamsService } from './teams.service';

/** Teams (read by agents too; changed by admins), the member picker, and one's own availability. */
@ApiTags('handoff')
@Controller('api/v1/handoff')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get('teams')
  @RequirePermissions(Permission.HandoffWork)
  list(): Promise<TeamDto[]> {
    return this.teams.list();
  }

  @Get('teams/:id')
  @RequirePermissions(Permission.HandoffWork)
  get(@Param('id') id: string): Promise<TeamDto> {
    return this.teams.get(id);
  }

  @Post('teams')
  @RequirePermissions(Permission.HandoffManage)
  @ApiOperation({ summary: 'Create a team; members must be admins or agents' })
  create(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<TeamDto> {
    return this.teams.create(body, user);
  }

  @Put('teams/:id')
  @RequirePermissions(Permission.HandoffManage)
  update(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthUser): Promise<TeamDto> {
    return this.teams.update(id, body, user);
  }

  @Delete('teams/:id')
  @HttpCode(204)
  @RequirePermissions(Permission.HandoffManage)
  @ApiOperation({ summary: 'Delete a team; refused (409) while it has conversations waiting for or owned by a human' })
  async remove(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.teams.remove(id, user);
  }

  @Get('agents')
  @RequirePermissions(Permission.HandoffWork)
  agents(): Promise<AgentDto[]> {
    return this.teams.agents();
  }

  @Get('me')
  @RequirePermissions(Permission.HandoffWork)
  me(@CurrentUser() user: AuthUser): Promise<MyHandoffDto> {
    return this.teams.me(user);
  }

  @Put('me/availability')
  @RequirePermissions(Permission.HandoffWork)
  setAvailability(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<MyHandoffDto> {
    return this.teams.setAvailability(user, body);
  }
}
