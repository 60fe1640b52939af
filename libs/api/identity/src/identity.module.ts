import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { FirstAdminService } from './first-admin.service';
import { PasswordService } from './password.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Users, sessions and access control. Importing it installs the global access guard: every HTTP
 * route is then either `@Public()` or declares what it needs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User, Session])],
  controllers: [AuthController, UsersController],
  providers: [
    PasswordService,
    UsersService,
    AuthService,
    FirstAdminService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UsersService],
})
export class IdentityModule {}
