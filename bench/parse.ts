import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeCorpus } from './corpus.js';

// What a parse worker spends per MB of notes, in one thread: compileNote (decode, parse, ids and the
// rows it prepares) and prepareRows alone, over the ingest bench's corpus after a warm-up pass.
//   npx tsx bench/parse.ts [--corpus DIR] [--against SRC] [--rounds N]
// --against SRC also measures another checkout's src (e.g. `git archive main src | tar -x -C scratch/main`,
// then scratch/main/src; it must sit inside this package so it loads as ESM), after checking that both
// compile every note to the same output. Each measurement runs in a child process of its own (code
// sharing a process skews the JIT for both), the two alternating, so they see the same load on a shared
// machine. Figures are MB per second of the child's main-thread CPU time (/proc/thread-self/stat,
// 10 ms ticks; wall time where that file is missing).
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const corpus = resolve(option('--corpus') ?? join(import.meta.dirname, '.corpus', 'ingest'));
const child = option('--child');
type Compile = typeof import('../src/ingest/compile-note.js');
type Rows = typeof import('../src/ingest/prepare-rows.js');
const load = async (src: string) => ({
  compile: (await import(pathToFileURL(join(src, 'ingest/compile-note.ts')).href)) as Compile,
  rows: (await import(pathToFileURL(join(src, 'ingest/prepare-rows.ts')).href)) as Rows,
});

function readCorpus(compile: Compile) {
  return readdirSync(corpus, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .sort()
    .map((path) => {
      const bytes = new Uint8Array(readFileSync(join(corpus, path)));
      const [course, ...rest] = path.split(/[\\/]/);
      return { location: { course: course!, path: rest.join('/') }, bytes, hash: compile.hashNote(bytes) };
    });
}

const threadSeconds = (): number => {
  if (!existsSync('/proc/thread-self/stat')) return performance.now() / 1000;
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in 1/100 s
};

if (child) {
  // One implementation alone: prints "MB compileNoteSeconds prepareRowsSeconds".
  const { compile, rows } = await load(child);
  const notes = readCorpus(compile);
  for (const note of notes) compile.compileNote(note.location, note.bytes, note.hash);
  let started = threadSeconds();
  for (const note of notes) compile.compileNote(note.location, note.bytes, note.hash);
  const compileSeconds = threadSeconds() - started;
  let rowsSeconds = 0;
  for (let from = 0; from < notes.length; from += 200) {
    const parsed = notes.slice(from, from + 200).map((note) => compile.compileNote(note.location, note.bytes, note.hash).note);
    started = threadSeconds();
    for (let k = 0; k < 3; k++) for (const note of parsed) rows.prepareRows(note); // 3 times: 10 ms ticks
    rowsSeconds += (threadSeconds() - started) / 3;
  }
  console.log(notes.reduce((sum, note) => sum + note.bytes.length, 0) / 1e6, compileSeconds, rowsSeconds);
} else {
  if (!existsSync(corpus)) writeCorpus(corpus, { notes: 2000, conceptsPerNote: 100 });
  const rounds = Number(option('--rounds') ?? 3);
  const against = option('--against');
  const sources = [...(against ? [resolve(against)] : []), resolve(import.meta.dirname, '../src')];
  if (against) {
    const [a, b] = await Promise.all(sources.map(load));
    const json = (impl: { compile: Compile }, note: ReturnType<typeof readCorpus>[number]) =>
      JSON.stringify({ ...impl.compile.compileNote(note.location, note.bytes, note.hash), bytes: null });
    const differ = readCorpus(b!.compile).filter((note) => json(a!, note) !== json(b!, note)).length;
    console.log(differ ? `${differ} notes compile DIFFERENTLY` : 'both compile every note to the same output');
  }
  const measure = (src: string) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--corpus', corpus, '--child', src], { encoding: 'utf8' });
    const [mb, compile, rows] = out.trim().split('\n').at(-1)!.split(' ').map(Number);
    return { mb: mb!, compile: compile!, rows: rows! };
  };
  const rate = (mb: number, seconds: number) => `${(mb / seconds).toFixed(1).padStart(5)} MB/s`;
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? sources : [...sources].reverse();
    const results = new Map(order.map((src) => [src, measure(src)]));
    const cells = sources.map((src) => {
      const r = results.get(src)!;
      return `${src === sources.at(-1) ? 'this' : 'against'}: compileNote ${rate(r.mb, r.compile)}, prepareRows alone ${rate(r.mb, r.rows)}`;
    });
    const [a, b] = sources.map((src) => results.get(src)!);
    const ratio = b ? `  → ×${(a!.compile / b.compile).toFixed(2)} compileNote, ×${(a!.rows / b.rows).toFixed(2)} prepareRows` : '';
    console.log(`round ${round}  ${cells.join('  |  ')}${ratio}`);
  }
}
