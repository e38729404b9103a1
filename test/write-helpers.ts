import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../src/app.js';
import { defaultConfig, type Config } from '../src/config.js';
import type { Db } from '../src/store/database.js';
import { seededDb } from './helpers.js';

export const TOKEN = 'test-token-1';
export const AUTH = { authorization: `Bearer ${TOKEN}` };
export const MARKDOWN = { ...AUTH, 'content-type': 'text/markdown; charset=utf-8' };

/** An app over the seeded in-memory database, writes on, limits off unless a test turns them on. */
export async function writableApp(overrides: Partial<Config> = {}, db: Db = seededDb().db, extend?: (app: App) => void) {
  const config = defaultConfig({ API_TOKENS: [TOKEN], RATE_LIMIT_MAX: 0, MAX_EVENT_LOOP_DELAY_MS: 0, MAX_IN_FLIGHT: 0, ...overrides });
  const app = await buildApp({ db, config });
  extend?.(app);
  await app.ready();
  return { app, db };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `notes-${prefix}-`));
}

export const SEED_URL = '/v1/courses/computer-networking/documents/ch02-application-layer.md';
