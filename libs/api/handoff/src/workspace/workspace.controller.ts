import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MessageDto, NoteDto, Permission, QueueItemDto } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { AgentReplyService } from './agent-reply.service';
import { ConversationActionsService } from './conversation-actions.service';
import { NotesService } from './notes.service';
import { WorkspaceService } from './workspace.service';

/** The workspace queue. */
@ApiTags('handoff')
@Controller('api/v1/handoff')
export class WorkspaceQueueController {
  constructor(private readonly workspace: WorkspaceService) {}

  @Get('queue')
  @RequirePermissions(Permission.HandoffWork)
  queue(@Query() query: Record<string, string>, @CurrentUser() user: AuthUser): Promise<QueueItemDto[]> {
    return this.workspace.queue(query, user);
  }
}

/** What an agent does to one conversation; every action checks the viewer's scope (403 outside it). */
@ApiTags('conversations')
@Controller('api/v1/conversations')
export class WorkspaceController {
  constructor(
    private readonly actions: ConversationActionsService,
    private readonly replies: AgentReplyService,
    private readonly notes: NotesService,
  ) {}

  @Post(':id/takeover')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.HandoffWork)
  takeover(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<QueueItemDto> {
    return this.actions.takeover(id, user);
  }

  @Post(':id/assign')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.HandoffWork)
  assign(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<QueueItemDto> {
    return this.actions.assign(id, body, user);
  }

  /** 201 with the new message; 200 with the stored one when the clientId was sent before. */
  @Post(':id/reply')
  @RequirePermissions(Permission.HandoffWork)
  async reply(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<MessageDto> {
    const { message, duplicate } = await this.replies.reply(id, body, user);
    void res.status(duplicate ? HttpStatus.OK : HttpStatus.CREATED);
    return message;
  }

  /** Internal notes: anyone who may see the conversation may read them. */
  @Get(':id/notes')
  @RequirePermissions(Permission.ConversationsRead)
  listNotes(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<NoteDto[]> {
    return this.notes.list(id, user);
  }

  @Post(':id/notes')
  @RequirePermissions(Permission.HandoffWork)
  addNote(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthUser): Promise<NoteDto> {
    return this.notes.add(id, body, user);
  }

  @Post(':id/handback')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.HandoffWork)
  handback(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<QueueItemDto> {
    return this.actions.handback(id, user);
  }

  @Post(':id/resolve')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.HandoffWork)
  resolve(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<QueueItemDto> {
    return this.actions.resolve(id, user);
  }

  @Post(':id/transfer')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.HandoffWork)
  transfer(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<QueueItemDto> {
    return this.actions.transfer(id, body, user);
  }

  @Put(':id/tags')
  @RequirePermissions(Permission.HandoffWork)
  tags(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthUser): Promise<QueueItemDto> {
    return this.actions.setTags(id, body, user);
  }
}
