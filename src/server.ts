import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { loadSeedIfEmpty } from './ingest/load-seed.js';
import { openDatabase } from './store/database.js';

// The only module with side effects: read config, open the database, listen, close gracefully.
const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH);
const app = await buildApp({ db, config, logger: { level: config.LOG_LEVEL } });
await loadSeedIfEmpty(db, config.SEED_PATH, app.log);

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  db.close();
});

await app.listen({ host: config.HOST, port: config.PORT });
