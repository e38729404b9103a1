import cluster, { type Worker } from 'node:cluster';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { loadSeedIfEmpty } from './ingest/load-seed.js';
import { rederiveStale } from './ingest/rederive.js';
import { openDatabase } from './store/database.js';

const RESTART_DELAY_MS = 1000;

/**
 * WORKERS > 1: this process only supervises. It migrates the database and
 * loads the seed once, then forks server processes that share the port
 * (node:cluster hands connections round-robin) and the database file (WAL:
 * readers in every worker, one writer at a time, busy_timeout for the rest).
 * A worker that dies is replaced; SIGTERM/SIGINT is passed on to every
 * worker, each of which drains its requests and closes the database.
 */
export async function runPrimary(config: Config): Promise<void> {
  const log = (msg: string, extra: Record<string, unknown> = {}) =>
    console.log(JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, role: 'primary', msg, ...extra }));

  const db = openDatabase(config.DATABASE_PATH);
  const seedLog = (obj: object, msg?: string) => log(msg ?? '', obj as Record<string, unknown>);
  const seedLogger = { info: seedLog, warn: seedLog } as unknown as Pick<FastifyBaseLogger, 'info' | 'warn'>;
  rederiveStale(db, seedLogger);
  await loadSeedIfEmpty(db, config.SEED_PATH, seedLogger);
  db.close();

  let stopping = false;
  const fork = () => cluster.fork({ CLUSTER_WORKER: '1' });
  for (let i = 0; i < config.WORKERS; i++) fork();
  log('started workers', { workers: config.WORKERS, port: config.PORT });

  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log('all workers stopped');
        process.exit(0);
      }
      return;
    }
    log('worker died; starting another', { worker: worker.process.pid, code, signal });
    setTimeout(fork, RESTART_DELAY_MS).unref();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log('shutting down', { signal });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    // Workers give up on slow requests after SHUTDOWN_TIMEOUT_MS; the primary waits a little longer.
    setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS + 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
