import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HumanEditDto, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { HumanEditSenderService } from './human-edit-sender.service';

@ApiTags('handoff')
@Controller('api/v1/handoff/human-edits')
export class HumanEditSenderController {
  constructor(private readonly sender: HumanEditSenderService) {}

  @Post(':id/send')
  @HttpCode(200)
  @RequirePermissions(Permission.HandoffManage)
  @ApiOperation({ summary: 'Turns a human edit into a draft knowledge article or a training example' })
  send(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthUser): Promise<HumanEditDto> {
    return this.sender.send(id, body, user?.id ?? null);
  }
}
