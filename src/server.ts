import cluster from 'node:cluster';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { runPrimary } from './cluster.js';
import { loadConfig } from './config.js';
import { loadSeedIfEmpty } from './ingest/load-seed.js';
import { rederiveStale } from './ingest/rederive.js';
import { openDatabase } from './store/database.js';

// The only module with side effects: read config, open the database, listen, close gracefully.
const config = loadConfig();

if (config.WORKERS > 1 && cluster.isPrimary) {
  await runPrimary(config);
} else {
  const db = openDatabase(config.DATABASE_PATH);
  const app = await buildApp({ db, config, logger: { level: config.LOG_LEVEL } });
  // In a cluster the primary has done both before forking.
  if (cluster.isPrimary) {
    rederiveStale(db, app.log);
    await loadSeedIfEmpty(db, config.SEED_PATH, app.log);
  }

  // SIGTERM: stop accepting, let in-flight requests finish (up to the timeout), then close the database.
  closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    db.close();
    app.log.info('database closed');
  });

  await app.listen({ host: config.HOST, port: config.PORT });
}
