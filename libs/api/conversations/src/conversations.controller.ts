import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConversationDto, MessageDto, Page, Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { ConversationAccess } from './access/conversation-access';
import { ConversationsService } from './conversations.service';

@ApiTags('conversations')
@Controller('api/v1/conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly access: ConversationAccess,
  ) {}

  @Get()
  @RequirePermissions(Permission.ConversationsRead)
  async list(@Query() query: Record<string, string>, @CurrentUser() user: AuthUser): Promise<Page<ConversationDto>> {
    return this.conversations.list(query, await this.access.scopeOf(user));
  }

  @Get(':id')
  @RequirePermissions(Permission.ConversationsRead)
  async get(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<ConversationDto> {
    return this.conversations.get(id, await this.access.scopeOf(user));
  }

  @Get(':id/messages')
  @RequirePermissions(Permission.ConversationsRead)
  async messages(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<MessageDto[]> {
    return this.conversations.messages(id, await this.access.scopeOf(user));
  }
}
