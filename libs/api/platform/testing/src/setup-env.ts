// Per test file: keep the logs quiet unless asked.
process.env.LOG_LEVEL ??= 'silent';
