import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, SuggestionDto } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { SuggestionsService } from './suggestions.service';

@ApiTags('handoff')
@Controller('api/v1/conversations')
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Get(':id/suggestions')
  @RequirePermissions(Permission.HandoffWork)
  @ApiOperation({ summary: "Suggested replies to the shopper's latest message: the bot's answer, Claude's drafts (source llm) when on, and matching articles" })
  list(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<SuggestionDto[]> {
    return this.suggestions.forConversation(id, user);
  }
}
