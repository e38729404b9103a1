import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCE = fileURLToPath(new URL('./compile-worker.ts', import.meta.url));
/** Through the TypeScript loader: slower to start, and the fallback. */
export const LOADER_ENTRY = new URL('./compile-worker.mjs', import.meta.url);
// Inside the project's node_modules, so the bundle's imports of packages (markdown-it, yaml, …) resolve.
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/course-notes-api/', import.meta.url));

let entry: URL | undefined;

/**
 * The script a parse worker runs: compile-worker.ts and the project modules it imports,
 * bundled into one JavaScript file by esbuild (packages stay imports).
 *
 * Why: through the TypeScript loader (tsx), which Node 20 runs on a thread of its own, a worker
 * spends ~360 ms loading before its first note, one loader round trip per module; from the
 * bundle, ~150 ms. A bulk ingest's writer waits out that start, and an HTTP write's first parse.
 * Built from the current sources once per process (~10 ms), so it is never stale; named by its
 * content, so processes starting together write the same file. If bundling fails, the worker
 * goes through the loader as before.
 */
export function compileWorkerEntry(): URL {
  if (entry) return entry;
  try {
    const { outputFiles } = buildSync({ entryPoints: [SOURCE], bundle: true, platform: 'node', format: 'esm', packages: 'external', write: false, logLevel: 'silent' });
    const code = outputFiles[0]!.contents;
    const file = `${CACHE}compile-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
    if (!existsSync(file)) {
      mkdirSync(CACHE, { recursive: true });
      // Written aside and renamed: a worker never loads a half-written file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, code);
      renameSync(partial, file);
    }
    entry = pathToFileURL(file);
  } catch {
    entry = LOADER_ENTRY;
  }
  return entry;
}
