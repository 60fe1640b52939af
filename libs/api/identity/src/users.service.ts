import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import type { CreateUserInput } from '@kefu/shared/contracts';
import { User } from './entities/user.entity';
import { PasswordService } from './password.service';

/** Staff accounts. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
  ) {}

  list(): Promise<User[]> {
    return this.users.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** Case-insensitive, as the unique index on lower(email) is. */
  findByEmail(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /** Creates an account; 409 when the email is taken (in any letter case). */
  async create(input: CreateUserInput): Promise<User> {
    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await this.users.save(
        this.users.create({ email: input.email, name: input.name, role: input.role, passwordHash }),
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException('a user with this email already exists');
      throw e;
    }
  }
}

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof QueryFailedError && (e.driverError as { code?: string } | undefined)?.code === '23505';
}
