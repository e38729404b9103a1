import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { documentId } from '../src/notes/ids.js';
import { SEED_COURSE, SEED_PATH } from './helpers.js';
import { exited, freePort, runTs, waitReady, writeNotes } from './support/processes.js';
import { TOKEN, tempDir } from './write-helpers.js';

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function startServer(dbPath: string, env: Record<string, string>) {
  const port = await freePort();
  const server = runTs('src/server.ts', [], {
    DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', SEED_PATH: 'seed', API_TOKENS: TOKEN, RATE_LIMIT_MAX: '0', ...env,
  });
  started.push(server);
  const base = `http://127.0.0.1:${port}`;
  await waitReady(base);
  return { server, base, port };
}

const SEED_SOURCE = `/v1/documents/${documentId(SEED_COURSE, SEED_PATH)}/revisions/1/source`;

describe('several server processes on one database file', () => {
  it('two workers keep serving with zero 5xx while a third process ingests, and stop cleanly on SIGTERM', async () => {
    const dir = tempDir('cluster');
    const dbPath = join(dir, 'notes.db');
    const { server, base } = await startServer(dbPath, { WORKERS: '2' });
    writeNotes(join(dir, 'library'), 'bulk', 150, 60);
    const ingest = runTs('src/cli/ingest.ts', ['--db', dbPath, '--quiet', join(dir, 'library')]);
    started.push(ingest);
    let ingesting = true;
    const ingestDone = exited(ingest).then((result) => ((ingesting = false), result));

    const statuses = new Map<number, number>();
    let writes = 0;
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const readers = Array.from({ length: 16 }, async (_, i) => {
      while (ingesting) {
        const url = i % 2 ? SEED_SOURCE : '/ready';
        count((await fetch(`${base}${url}`)).status);
      }
    });
    // A writer through the cluster at the same time: it waits for the ingest's transactions, never corrupts.
    const writer = (async () => {
      for (let i = 0; ingesting && i < 20; i++) {
        const res = await fetch(`${base}/v1/courses/cluster/documents/ch1.md`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/markdown' },
          body: `# Cluster write ${i}\n- item ${i}\n`,
        });
        count(res.status);
        if (res.ok) writes++;
      }
    })();
    expect((await ingestDone).code).toBe(0);
    await Promise.all([...readers, writer]);
    const served = [...statuses.values()].reduce((a, b) => a + b, 0);
    const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
    console.log(`cluster (2 workers) during a 150-note ingest: ${served} requests served, ${writes} PUTs applied, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(fiveXx).toBe(0);
    expect(served).toBeGreaterThan(16);

    const ready = await (await fetch(`${base}/ready`)).json();
    expect(ready.documents).toBe(152);
    server.kill('SIGTERM');
    expect((await exited(server)).code).toBe(0);
    // Every worker closed its connection: SQLite checkpointed and removed the WAL.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the request in flight, refuses new ones, then closes the database', async () => {
    const dir = tempDir('shutdown');
    const dbPath = join(dir, 'notes.db');
    const { server, base, port } = await startServer(dbPath, { WORKERS: '1' });
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const body = '# In flight\n- finished after SIGTERM\n';
    socket.write(`PUT /v1/courses/c/documents/ch1.md HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: text/markdown\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 4)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.kill('SIGTERM');
    // Once the listener is closed, a new connection is refused.
    await expect.poll(() => fetch(`${base}/health`).then(() => 'served', () => 'refused'), { timeout: 10_000 }).toBe('refused');
    socket.write(body.slice(4));
    await expect.poll(() => answer, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 201/);
    socket.end();
    expect((await exited(server)).code).toBe(0);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  });
});
