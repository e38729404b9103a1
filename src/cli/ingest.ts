import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { collectNoteFiles } from '../ingest/collect-files.js';
import { CompilePool } from '../ingest/compile-pool.js';
import { ingestFiles, type IngestOutcome } from '../ingest/ingest-files.js';
import { rederiveStale } from '../ingest/rederive.js';
import { openDatabase } from '../store/database.js';
import { DocumentWriter } from '../store/document-writer.js';

const USAGE = 'usage: npm run ingest -- [--db PATH] [--quiet] PATH...';

const { values, positionals } = parseArgs({
  options: { db: { type: 'string' }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});
if (values.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const db = openDatabase(values.db ?? loadConfig().DATABASE_PATH);
// Notes stored by an older parser or schema are brought up to date first (their sources are stored).
const stderrLog = (obj: object, msg?: string) => console.error(msg ?? '', JSON.stringify(obj));
rederiveStale(db, { info: stderrLog, warn: stderrLog } as unknown as Parameters<typeof rederiveStale>[1]);
const writer = new DocumentWriter(db);
const files = collectNoteFiles(positionals);
const totals = { added: 0, updated: 0, restored: 0, unchanged: 0, rejected: 0 };
// A progress bar only where someone watches; logs and CI get the plain lines.
const progress = process.stderr.isTTY && !values.quiet && files.length > 50;
const started = performance.now();

// Parse in worker threads when there is enough to amortise starting them.
const pool = files.length >= 200 ? new CompilePool() : undefined;
const options = pool ? { pool, batch: 64, window: 256, bulk: true } : { batch: 64, bulk: true };
let done = 0;
for await (const outcome of ingestFiles(writer, files, options)) {
  totals[outcome.status]++;
  done++;
  if (progress) drawProgress(done, files.length);
  if (!values.quiet || outcome.status === 'rejected') report(outcome);
}
if (progress) process.stderr.write('\n');
pool?.close();
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(
  `${files.length} files in ${seconds}s: ${totals.added} added, ${totals.updated + totals.restored} updated, ` +
    `${totals.unchanged} unchanged, ${totals.rejected} rejected`,
);
db.close();
process.exitCode = totals.rejected > 0 ? 1 : 0;

function report(outcome: IngestOutcome): void {
  const where = `${outcome.file.course}/${outcome.file.path}`;
  if (outcome.status === 'rejected') {
    const line = outcome.line ? `:${outcome.line}` : '';
    console.error(`rejected  ${where}${line}  ${outcome.reason}`);
  } else if (!progress) {
    console.log(`${outcome.status.padEnd(9)} ${where}  (revision ${outcome.revision})`);
  }
}

function drawProgress(n: number, total: number): void {
  const width = 30;
  const filled = Math.round((n / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total}`);
}
