import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@kefu/api/platform/database';
import { runNluCli } from '@kefu/api/nlu';
import { migrations } from '../migrations';
import { readConfigOrExit } from './config-or-exit';

/** `npm run nlu -- eval FILE.jsonl` and `npm run nlu -- parse "text"`: see libs/api/nlu/src/cli. */
runNluCli(process.argv.slice(2), {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  loadActiveModel: async () => {
    const ds = new DataSource(buildDataSourceOptions(readConfigOrExit(), { migrations }));
    await ds.initialize();
    try {
      const rows: { version: number; data: Buffer | null }[] = await ds.query(
        `SELECT version, data FROM nlu_models WHERE status = 'active'`,
      );
      const row = rows[0];
      return row?.data ? { version: row.version, data: Buffer.from(row.data) } : null;
    } finally {
      await ds.destroy();
    }
  },
})
  .then((code) => process.exit(code))
  .catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
