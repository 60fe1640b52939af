import { z } from 'zod';
import { Role } from './enums';
import type { Permission } from './permissions';

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.string().trim().min(1).max(120),
  role: z.nativeEnum(Role),
  password: z.string().min(10, 'at least 10 characters').max(1024),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface MeDto {
  user: UserDto;
  permissions: Permission[];
}

/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = 'kefu_session';
