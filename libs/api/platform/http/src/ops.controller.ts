import { Controller, Get, Header, Headers, Inject, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { QueueService } from '@kefu/api/platform/queue';
import { Public } from './access.decorators';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queue: QueueService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 200 when the database and the queue answer, 503 otherwise. */
  @Public()
  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 3000 }),
      async () => {
        const i = this.indicators.check('queue');
        return (await this.queue.ping()) ? i.up({ driver: this.queue.kind }) : i.down({ driver: this.queue.kind });
      },
    ]);
  }

  /** Prometheus exposition. With METRICS_TOKEN set, scrapers send `Authorization: Bearer <token>`. */
  @Public()
  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async scrape(@Headers('authorization') auth?: string): Promise<string> {
    if (this.config.METRICS_TOKEN && auth !== `Bearer ${this.config.METRICS_TOKEN}`) {
      throw new UnauthorizedException('metrics need Authorization: Bearer <METRICS_TOKEN>');
    }
    return this.metrics.registry.metrics();
  }
}
