import { writeTestEnv } from '@kefu/api/platform/config';

// Per test file: keep the logs quiet unless asked.
writeTestEnv({ defaultLogLevel: 'silent' });
