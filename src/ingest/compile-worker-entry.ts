import { buildSync, type Metafile } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCE = fileURLToPath(new URL('./compile-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Through the TypeScript loader: slower to start, and the fallback. */
export const LOADER_ENTRY = new URL('./compile-worker.mjs', import.meta.url);
const CACHE = join(ROOT, 'node_modules/.cache/course-notes-api/');
/** In the cache folder: which bundle was built from which inputs (paths from ROOT, with each one's content hash). */
const MANIFEST = 'compile-worker.json';
// CommonJS packages in the bundle (yaml) call require('process'); an ES module has no require of its own.
const REQUIRE = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

interface Manifest {
  bundle: string;
  inputs: Record<string, string>;
}

let entry: URL | undefined;

/**
 * The script a parse worker runs: compile-worker.ts with everything it imports, the project's
 * modules and the packages (markdown-it, yaml, zod, es-hangul), bundled into one JavaScript file
 * by esbuild.
 *
 * Why: a bulk ingest's writer waits out a worker's start, and so does an HTTP write's first
 * parse. From start to first note, measured side by side: through the TypeScript loader (tsx),
 * which Node 20 runs on a thread of its own, one round trip per module, 358–400 ms; from a bundle
 * of the project's modules that still imported the packages (~250 files to open), 207–232 ms;
 * from one file, 134–143 ms (bench/ingest.ts prints this one against the loader).
 *
 * The bundle is reused while every input file still hashes as the manifest says (~5 ms to check,
 * against ~100 ms to build), so it is never stale; it is named by its content, so processes
 * starting together write the same file. If bundling fails, the worker goes through the loader.
 */
export function compileWorkerEntry(): URL {
  if (entry) return entry;
  try {
    entry = pathToFileURL(workerBundle(CACHE));
  } catch {
    entry = LOADER_ENTRY;
  }
  return entry;
}

/** The bundle's path in `cache`: the one there if still current, else a new build. */
export function workerBundle(cache: string): string {
  return join(cache, reusableBundle(cache) ?? buildBundle(cache));
}

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(join(ROOT, path))).digest('hex');
}

/** The cached bundle's file name, if it exists and was built from the files as they are now. */
function reusableBundle(cache: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(cache, MANIFEST), 'utf8')) as Manifest;
    if (!existsSync(join(cache, manifest.bundle))) return null;
    for (const [path, hash] of Object.entries(manifest.inputs)) if (hashFile(path) !== hash) return null;
    return manifest.bundle;
  } catch {
    return null;
  }
}

/** Builds the bundle from the current files, writes it and, when safe, the manifest; returns its file name. */
function buildBundle(cache: string): string {
  const started = Date.now();
  const { outputFiles, metafile } = buildSync({
    entryPoints: [SOURCE],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    banner: { js: REQUIRE },
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = outputFiles[0]!.contents;
  const bundle = `compile-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  mkdirSync(cache, { recursive: true });
  if (!existsSync(join(cache, bundle))) writeAside(join(cache, bundle), code);
  const inputs = Object.keys((metafile as Metafile).inputs);
  // A file saved while esbuild ran may be newer than what it bundled: then no manifest, and the next start builds again.
  if (inputs.every((path) => statSync(join(ROOT, path)).mtimeMs < started)) {
    writeAside(join(cache, MANIFEST), JSON.stringify({ bundle, inputs: Object.fromEntries(inputs.map((path) => [path, hashFile(path)])) } satisfies Manifest));
  }
  return bundle;
}

/** Written aside and renamed: a worker or another process never reads a half-written file. */
function writeAside(file: string, contents: string | Uint8Array): void {
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
}
