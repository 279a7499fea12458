/** What every CLI command shares: configuration from env + flags, and opening the platform. */
import { Option, type Command } from 'commander';
import { loadEnv, type Env } from '../config/env.js';
import type { Platform } from '../platform.js';
import { EXIT_FAILED } from './exit-codes.js';

export interface StoreFlags {
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
}

/** Adds `--data-dir` and `--database-url` to a command. */
export function withStoreOptions(command: Command): Command {
  return command
    .addOption(new Option('--data-dir <dir>', 'embedded database directory (env OPENPCS_DATA_DIR, default ./data)'))
    .addOption(
      new Option(
        '--database-url <url>',
        'use this PostgreSQL server instead of the embedded database (env DATABASE_URL)',
      ),
    );
}

/** Flags beat the environment: an explicit `--data-dir` means the embedded database even if DATABASE_URL is set. */
export function resolveEnv(flags: StoreFlags, extra: Record<string, string | undefined> = {}): Env {
  if (flags.dataDir && flags.databaseUrl) throw new CliError('give either --data-dir or --database-url, not both');
  return loadEnv({
    ...process.env,
    ...(flags.dataDir ? { OPENPCS_DATA_DIR: flags.dataDir, DATABASE_URL: undefined } : {}),
    ...(flags.databaseUrl ? { DATABASE_URL: flags.databaseUrl } : {}),
    // A flag that was not given must not hide its environment variable.
    ...Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)),
  });
}

/** Opens the platform, runs `work`, always closes. */
export async function withPlatform<T>(env: Env, work: (platform: Platform) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: building the command tree (`--help`, the API-client commands) needs no store.
  const { openPlatform, storeConfigFrom } = await import('../platform.js');
  const platform = await openPlatform({ store: storeConfigFrom(env), defaultTimeZone: env.OPENPCS_TIME_ZONE });
  try {
    return await work(platform);
  } finally {
    await platform.close();
  }
}

/**
 * A failure the user can act on: printed as its message, exit status 1 unless the command says otherwise
 * (2 for a value the server refused as a usage error, exit-codes.ts).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED,
  ) {
    super(message);
  }
}

export function describeStore(env: Env): string {
  return env.DATABASE_URL
    ? `PostgreSQL at ${redact(env.DATABASE_URL)}`
    : `embedded database in ${env.OPENPCS_DATA_DIR}`;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
