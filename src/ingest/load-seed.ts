import { existsSync } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../store/database.js';
import { DocumentWriter } from '../store/document-writer.js';
import { collectNoteFiles } from './collect-files.js';
import { ingestFiles } from './ingest-files.js';

/**
 * First start on an empty database: load the seed notes so `npm start` serves
 * something real. A database that already holds documents is left as it is.
 */
export async function loadSeedIfEmpty(db: Db, seedPath: string, log: Pick<FastifyBaseLogger, 'info' | 'warn'>): Promise<void> {
  const { n } = db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number };
  if (n > 0 || !existsSync(seedPath)) return;
  const writer = new DocumentWriter(db);
  let loaded = 0;
  for await (const outcome of ingestFiles(writer, collectNoteFiles([seedPath]))) {
    if (outcome.status === 'rejected') {
      log.warn({ file: outcome.file.file, line: outcome.line }, `seed note rejected: ${outcome.reason}`);
    } else loaded++;
  }
  log.info({ seedPath, loaded }, 'seed notes loaded');
}
