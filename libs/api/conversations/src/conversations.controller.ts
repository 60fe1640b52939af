import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConversationDto, MessageDto, Page, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { ConversationsService } from './conversations.service';

@ApiTags('conversations')
@Controller('api/v1/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @RequirePermissions(Permission.ConversationsRead)
  list(@Query() query: Record<string, string>): Promise<Page<ConversationDto>> {
    return this.conversations.list(query);
  }

  @Get(':id')
  @RequirePermissions(Permission.ConversationsRead)
  get(@Param('id') id: string): Promise<ConversationDto> {
    return this.conversations.get(id);
  }

  @Get(':id/messages')
  @RequirePermissions(Permission.ConversationsRead)
  messages(@Param('id') id: string): Promise<MessageDto[]> {
    return this.conversations.messages(id);
  }
}
