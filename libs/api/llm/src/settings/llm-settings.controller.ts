import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LlmKeyTestDto, LlmSettingsDto, Permission } from '@kefu/shared/contracts';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { RequirePermissions } from '@kefu/api/platform/http';
import { LlmKeyTester } from './llm-key-tester';
import { LlmSettingsService } from './llm-settings.service';

/** Claude's settings (admins only). The API key goes in and never comes out. */
@ApiTags('llm')
@Controller('api/v1/llm/settings')
@RequirePermissions(Permission.LlmManage)
export class LlmSettingsController {
  constructor(
    private readonly settings: LlmSettingsService,
    private readonly tester: LlmKeyTester,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The settings, whether a key is stored (its last four characters), and Claude's state",
  })
  get(): Promise<LlmSettingsDto> {
    return this.settings.dto();
  }

  @Put()
  @ApiOperation({
    summary:
      'Change any subset; apiKey: a string sets the key, null removes it. 409 on a stale expectedVersion',
  })
  put(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<LlmSettingsDto> {
    return this.settings.update(body, user);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'One tiny real call with the key Claude would use: does it work?' })
  test(): Promise<LlmKeyTestDto> {
    return this.tester.test();
  }
}
