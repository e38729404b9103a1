import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NoteError } from '../notes/note-error.js';
import type { CompiledNote, NoteLocation } from './compile-note.js';
import type { CompileAnswer } from './compile-worker.js';

const WORKER_URL = new URL('./compile-worker' + (import.meta.url.endsWith('.ts') ? '.ts' : '.js'), import.meta.url);

/** The note took too long to parse; the worker parsing it was stopped. */
export class ParseTimeout extends Error {}
/** Too many notes are already waiting to be parsed. */
export class CompilerBusy extends Error {}

interface Pending {
  id: number;
  location: NoteLocation;
  bytes: Buffer;
  resolve: (compiled: CompiledNote) => void;
  reject: (error: Error) => void;
}

/**
 * compileNote on a worker thread with a deadline. markdown-it is fast on
 * notes but not linear on every hostile input (4 MB of `![` takes ~25 s);
 * on the event loop that would stall every request. Here the worker is
 * terminated at the deadline and the note refused; the next job gets a fresh
 * worker. Jobs run one at a time (writes serialise on SQLite anyway); the
 * worker starts on the first write, not with the app.
 */
export class OffThreadCompiler {
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private running: (Pending & { timer: NodeJS.Timeout }) | null = null;
  private nextId = 1;

  constructor(private readonly options: { timeoutMs: number; maxQueue: number }) {}

  compile(location: NoteLocation, bytes: Buffer): Promise<CompiledNote> {
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(new CompilerBusy('too many notes are waiting to be parsed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, location, bytes, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new CompilerBusy('the server is shutting down'));
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    const timer = setTimeout(() => this.timeOut(), this.options.timeoutMs);
    this.running = { ...job, timer };
    this.ensureWorker().postMessage({ id: job.id, location: job.location, bytes: job.bytes });
  }

  private settle(answer: CompileAnswer): void {
    const job = this.running;
    if (!job || job.id !== answer.id) return;
    clearTimeout(job.timer);
    this.running = null;
    if (answer.ok) job.resolve({ ...answer.compiled, bytes: job.bytes });
    else if (answer.noteError) job.reject(new NoteError(answer.message, answer.line));
    else job.reject(new Error(answer.message));
    this.pump();
  }

  private timeOut(): void {
    const job = this.running;
    if (!job) return;
    this.running = null;
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    job.reject(new ParseTimeout(`the note could not be parsed within ${this.options.timeoutMs} ms`));
    this.pump();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap())}`));
    worker.on('message', (answer: CompileAnswer) => this.settle(answer));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', () => this.fail(worker, new Error('the parser worker stopped')));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return; // already replaced (timed out or closed)
    this.worker = null;
    const job = this.running;
    if (job) {
      clearTimeout(job.timer);
      this.running = null;
      job.reject(error);
    }
    this.pump();
  }
}

/** Without a build step the worker is TypeScript: load it through tsx, as `npm start` loads the server. */
function bootstrap(): string {
  const worker = JSON.stringify(WORKER_URL.href);
  if (!WORKER_URL.href.endsWith('.ts')) return `await import(${worker});`;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  return `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${worker});`;
}
