export * from './access.decorators';
export * from './zod-body';
export * from './upload.decorator';
export * from './http-exception.filter';
export * from './logging';
export * from './metrics.service';
export * from './http.module';
export * from './create-http-app';
