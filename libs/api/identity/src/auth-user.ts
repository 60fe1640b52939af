import type { MeDto, Role, UserDto } from '@kefu/shared/contracts';
import { permissionsOf } from '@kefu/shared/contracts';
import type { User } from './entities/user.entity';

/** The signed-in caller, as the guard attaches it to `request.user` and the socket handshake gets it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export function toAuthUser(user: User): AuthUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The only shape in which a user leaves the API: never the password hash or lockout state. */
export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
  };
}

export function toMeDto(user: User): MeDto {
  return { user: toUserDto(user), permissions: [...permissionsOf(user.role)] };
}
