import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HumanEditDto, Page, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { HumanEditsService } from './human-edits.service';

/** The human-edit log (`POST :id/send` lives with the knowledge and training side, dialogue/assist). */
@ApiTags('handoff')
@Controller('api/v1/handoff/human-edits')
export class HumanEditsController {
  constructor(private readonly edits: HumanEditsService) {}

  @Get()
  @RequirePermissions(Permission.HandoffManage)
  list(@Query() query: Record<string, string>): Promise<Page<HumanEditDto>> {
    return this.edits.list(query);
  }

  @Post(':id/dismiss')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.HandoffManage)
  dismiss(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<HumanEditDto> {
    return this.edits.dismiss(id, user.id);
  }
}
