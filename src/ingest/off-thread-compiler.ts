import { Worker } from 'node:worker_threads';
import { hashNote, type CompiledNote, type NoteLocation } from './compile-note.js';
import { compileWorkerEntry } from './compile-worker-entry.js';
import { readReply, type CompileReply, type CompileRequest } from './compile-protocol.js';

const WARM_UP = -1;

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
  /** A new worker first compiles a tiny note, so loading it (tsx, modules) never counts against a note's deadline. */
  private warm = false;
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
    const worker = this.ensureWorker();
    if (!this.warm) return; // pumped again when the warm-up answers
    const job = this.queue.shift()!;
    const timer = setTimeout(() => this.timeOut(), this.options.timeoutMs);
    this.running = { ...job, timer };
    worker.postMessage({ seq: job.id, location: job.location, bytes: job.bytes, hash: hashNote(job.bytes) } satisfies CompileRequest);
  }

  private settle(answer: CompileReply): void {
    if (answer.seq === WARM_UP) {
      this.warm = true;
      return this.pump();
    }
    const job = this.running;
    if (!job || job.id !== answer.seq) return;
    clearTimeout(job.timer);
    this.running = null;
    try {
      const result = readReply(answer, job.bytes);
      if (!('compiled' in result)) throw new Error('compile worker: bytes sent to compile came back unchanged');
      job.resolve(result.compiled);
    } catch (error) {
      job.reject(error as Error);
    }
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
    this.ensureWorker(); // warm the replacement now, not when the next note arrives
    this.pump();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(compileWorkerEntry());
    this.warm = false;
    const note = Buffer.from('# warm-up\n');
    worker.postMessage({ seq: WARM_UP, location: { course: 'warm-up', path: 'ch1.md' }, bytes: note, hash: hashNote(note) } satisfies CompileRequest);
    worker.on('message', (answer: CompileReply) => this.settle(answer));
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
    // A worker that cannot even start would be restarted forever: fail the waiting notes instead.
    if (!this.warm) for (const waiting of this.queue.splice(0)) waiting.reject(error);
    this.pump();
  }
}
