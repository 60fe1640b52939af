import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { buildDataSourceOptions, DataSourceParts } from './data-source-options';
import { ExclusiveTransactions } from './exclusive-transactions';

@Global()
@Module({})
export class DatabaseModule {
  /** Entities come from each domain's TypeOrmModule.forFeature; migrations from the app. */
  static forRoot(parts: DataSourceParts): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions(config, parts),
            migrationsRun: config.MIGRATIONS_RUN,
            autoLoadEntities: true,
          }),
        }),
      ],
      providers: [ExclusiveTransactions],
      exports: [ExclusiveTransactions],
    };
  }
}
