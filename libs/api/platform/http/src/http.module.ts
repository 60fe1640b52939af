import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { HttpExceptionFilter } from './http-exception.filter';
import { loggerParams } from './logging';
import { MetricsService } from './metrics.service';
import { OpsController } from './ops.controller';

/** Logging, errors, health, metrics and the in-process domain event bus, for every process. */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => loggerParams(c) }),
    TerminusModule.forRoot({ logger: false }),
    EventEmitterModule.forRoot({ wildcard: false }),
  ],
  controllers: [OpsController],
  providers: [MetricsService, { provide: APP_FILTER, useClass: HttpExceptionFilter }],
  exports: [MetricsService],
})
export class HttpModule {}
