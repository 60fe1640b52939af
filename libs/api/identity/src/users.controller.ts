import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createUserSchema, Permission, UserDto } from '@kefu/shared/contracts';
import { parseWith, RequirePermissions } from '@kefu/api/platform/http';
import { toUserDto } from './auth-user';
import { UsersService } from './users.service';

/** Staff accounts, for admins (and, read-only, compliance officers). */
@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @RequirePermissions(Permission.UsersRead)
  @Get()
  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }

  /** 201 with the new user; 409 when the email is taken. */
  @RequirePermissions(Permission.UsersManage)
  @Post()
  async create(@Body() body: unknown): Promise<UserDto> {
    return toUserDto(await this.users.create(parseWith(createUserSchema, body)));
  }
}
