import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HandoffSummaryDto, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { HandoffSummaryService } from './handoff-summary.service';

@ApiTags('handoff')
@Controller('api/v1/conversations')
export class HandoffSummaryController {
  constructor(private readonly summaries: HandoffSummaryService) {}

  @Get(':id/summary')
  @RequirePermissions(Permission.HandoffWork)
  @ApiOperation({ summary: 'The hand-off summary for the agent: stored at the hand-off, or written now' })
  get(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<HandoffSummaryDto> {
    return this.summaries.forViewer(id, user);
  }

  @Post(':id/summary')
  @HttpCode(200)
  @RequirePermissions(Permission.HandoffWork)
  @ApiOperation({
    summary: 'Writes the hand-off summary again from the conversation as it is now (Claude when on)',
  })
  refresh(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<HandoffSummaryDto> {
    return this.summaries.refresh(id, user);
  }
}
