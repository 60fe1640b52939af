import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EscalationRuleDto,
  HandoffReason,
  Permission,
  Priority,
  RuleVersionDto,
  SAFETY_TRIGGERS,
  SafetyTrigger,
} from '@kefu/shared/contracts';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { RequirePermissions } from '@kefu/api/platform/http';
import { HandoffSettingsService, HandoffSettingsView } from './handoff-settings.service';
import { RulesService } from './rules.service';
import { safetyInfoOf } from './safety';

/** Escalation rules, their history, the built-in safety triggers and the thresholds (admins only). */
@ApiTags('handoff')
@Controller('api/v1/handoff')
@RequirePermissions(Permission.HandoffManage)
export class RulesController {
  constructor(
    private readonly rules: RulesService,
    private readonly settings: HandoffSettingsService,
  ) {}

  @Get('rules')
  @ApiOperation({ summary: 'The rules in the order they are evaluated' })
  list(): Promise<EscalationRuleDto[]> {
    return this.rules.list();
  }

  @Post('rules')
  @ApiOperation({ summary: 'Add a rule at the end of the list (version 1)' })
  create(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<EscalationRuleDto> {
    return this.rules.create(body, user.id);
  }

  @Post('rules/reorder')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put the rules in this order; name every rule exactly once' })
  reorder(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<EscalationRuleDto[]> {
    return this.rules.reorder(body, user.id);
  }

  @Get('rules/:id')
  get(@Param('id') id: string): Promise<EscalationRuleDto> {
    return this.rules.get(id);
  }

  @Put('rules/:id')
  @ApiOperation({ summary: 'Replace a rule; with expectedVersion, 409 when someone changed it meanwhile' })
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<EscalationRuleDto> {
    return this.rules.update(id, body, user.id);
  }

  @Patch('rules/:id')
  @ApiOperation({ summary: 'Switch a rule on or off' })
  setEnabled(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<EscalationRuleDto> {
    return this.rules.setEnabled(id, body, user.id);
  }

  @Delete('rules/:id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.rules.remove(id, user.id);
  }

  @Get('rules/:id/versions')
  @ApiOperation({ summary: "The rule's changes, newest first (also once deleted)" })
  versions(@Param('id') id: string): Promise<RuleVersionDto[]> {
    return this.rules.versions(id);
  }

  @Get('safety-triggers')
  @ApiOperation({ summary: 'The built-in triggers that run before every rule and cannot be switched off' })
  safetyTriggers(): {
    trigger: SafetyTrigger;
    description: string;
    reason: HandoffReason;
    priority: Priority;
  }[] {
    return SAFETY_TRIGGERS.map((t) => ({ ...safetyInfoOf(t) }));
  }

  @Get('settings')
  getSettings(): Promise<HandoffSettingsView> {
    return this.settings.get();
  }

  @Put('settings')
  @ApiOperation({ summary: 'Thresholds and routing defaults (audited with before and after)' })
  putSettings(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<HandoffSettingsView> {
    return this.settings.update(body, user.id);
  }
}
