import { AppConfig, ConfigError, loadConfig } from '@kefu/api/platform/config';

/** Validates the environment; a bad value stops the process with one line naming the variable. */
export function readConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
