import { z } from 'zod';

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => ['true', '1', 'yes'].includes(value));

/**
 * Every setting the service reads, from the environment, in one place. Nothing
 * else reads `process.env`; a bad value stops start-up with the variable named.
 */
export const Config = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/notes.db'),
  SEED_PATH: z.string().min(1).default('./seed'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Origins allowed by CORS: `*` (default) or a comma-separated list. */
  CORS_ORIGINS: list('*'),
  /** Bearer tokens allowed to write, comma-separated; none means writes are off. */
  API_TOKENS: list(''),
  /** When true, reads need a bearer token too; by default they are public. */
  READS_REQUIRE_AUTH: flag(false),
  /** Requests per client (token, else IP) per window; 0 turns rate limiting off. */
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(1200),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1).default(60_000),
  /** Largest request body accepted; bigger ones get 413 before they are read. */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1).default(8 * 1024 * 1024),
  /** Load shedding: 503 + Retry-After when the event loop lags this much (0 = off)… */
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  /** …or this many requests are already in flight in this process (0 = off). */
  MAX_IN_FLIGHT: z.coerce.number().int().min(0).default(512),
  /** A note that takes longer than this to parse (on a worker thread) is refused with 422. */
  PARSE_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  /** Server processes sharing the port and the database file (node:cluster); 1 = no cluster. */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** How long SIGTERM waits for in-flight requests before giving up. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
});

export type Config = z.infer<typeof Config>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** The defaults, for tests and tools that build an app without an environment. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...Config.parse({}), ...overrides };
}
