import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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

  /**
   * Creates an account; 409 when the email is taken (in any letter case). The conflict is settled by
   * the unique index on lower(email) with ON CONFLICT DO NOTHING rather than by a failing INSERT,
   * whose error the database logger would print together with its parameters (email, hash).
   */
  async create(input: CreateUserInput): Promise<User> {
    const passwordHash = await this.passwords.hash(input.password);
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({ email: input.email, name: input.name, role: input.role, passwordHash })
      .orIgnore()
      .returning(['id'])
      .updateEntity(false)
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) throw new ConflictException('a user with this email already exists');
    return this.users.findOneByOrFail({ id });
  }
}
