import { z } from 'zod';

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

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
