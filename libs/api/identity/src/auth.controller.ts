import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  NotFoundException,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import { loginSchema, MeDto, SESSION_COOKIE } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { Authenticated, parseWith, Public } from '@kefu/api/platform/http';
import type { AuthenticatedRequest } from './access.guard';
import type { AuthUser } from './auth-user';
import { toMeDto } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { UsersService } from './users.service';

/** Session cookie login for the admin app. */
@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeDto> {
    const { email, password } = parseWith(loginSchema, body);
    const result = await this.auth.login(email, password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    // A browser that was signed in (perhaps as someone else) leaves its old session behind.
    await this.auth.logout(request.cookies[SESSION_COOKIE]);
    reply.setCookie(SESSION_COOKIE, result.token, {
      ...this.cookieOptions(),
      maxAge: this.auth.sessionTtlSeconds,
    });
    return toMeDto(result.user);
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  @Authenticated()
  @Get('me')
  async me(@CurrentUser() caller: AuthUser | undefined): Promise<MeDto> {
    if (!caller) throw new UnauthorizedException('log in first');
    const user = await this.users.findById(caller.id);
    if (!user) throw new NotFoundException('your account no longer exists');
    return toMeDto(user);
  }

  private cookieOptions(): CookieSerializeOptions {
    return { httpOnly: true, sameSite: 'lax', path: '/', secure: this.config.COOKIE_SECURE };
  }
}
