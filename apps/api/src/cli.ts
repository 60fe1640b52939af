import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@kefu/api/platform/database';
import { migrations } from '../migrations';
import { readConfigOrExit } from './config-or-exit';

/**
 * Operator commands:  node cli.js migrate | migrate:down | migrate:status
 * Uses the same DataSource definition as the app (DATABASE_URL, or the embedded database in DATA_DIR).
 */
async function main(command = 'migrate') {
  const config = readConfigOrExit();
  const ds = new DataSource(buildDataSourceOptions(config, { migrations }));
  await ds.initialize();
  try {
    if (command === 'migrate') {
      const ran = await ds.runMigrations();
      process.stdout.write(ran.length ? `applied ${ran.map((m) => m.name).join(', ')}\n` : 'database is up to date\n');
    } else if (command === 'migrate:down') {
      await ds.undoLastMigration();
      process.stdout.write('reverted the last migration\n');
    } else if (command === 'migrate:status') {
      const pending = await ds.showMigrations();
      process.stdout.write(pending ? 'migrations are pending\n' : 'database is up to date\n');
    } else {
      process.stderr.write(`unknown command "${command}"; use migrate, migrate:down or migrate:status\n`);
      process.exitCode = 2;
    }
  } finally {
    await ds.destroy();
  }
}

main(process.argv[2]).catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
