import { buildApp, type App } from '../src/app.js';
import { defaultConfig, type Config } from '../src/config.js';
import type { Db } from '../src/store/database.js';
import { DocumentWriter } from '../src/store/document-writer.js';
import { assertMatchesSpec } from './openapi-contract.js';
import { note, seededDb } from './helpers.js';

/** An app over `db` whose every injected GET is checked against openapi.yaml. */
export async function apiApp(db: Db = seededDb().db, config: Partial<Config> = {}) {
  const app = await buildApp({ db, config: defaultConfig(config) });
  return {
    app,
    db,
    async get(url: string, headers: Record<string, string> = {}) {
      const response = await app.inject({ method: 'GET', url, headers });
      assertMatchesSpec('GET', url, response);
      return response;
    },
  };
}

export type ApiApp = Awaited<ReturnType<typeof apiApp>>;
export type { App };

/** The seed plus a note with numbered sections, and a Korean course. */
export function richDb() {
  const { db, writer } = seededDb();
  writer.save(note('computer-networking', 'ch03-transport.md', SECTIONED));
  writer.save(note('컴퓨터구조', '01-개요.md', '---\ntitle: 개요\n---\n# 1.1 명령어\n- **레지스터**는 빠르다\n'));
  return { db, writer };
}

export const SECTIONED = `---
chapter: 3
title: Transport layer
---
Before any heading.

- a loose concept
# 3.1 Basics
- uses **TCP** and **UDP**
  - nested under basics
## 3.1.1 Detail
- detail item ![[detail.png]]
### Deeper
- see Figure 3.1 here
# 3.2 Next
- **TCP** again
`;

export function writerOf(db: Db) {
  return new DocumentWriter(db);
}
