import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { NoteError } from '../notes/note-error.js';
import type { CompiledNote, NoteLocation } from './compile-note.js';
import type { CompileRequest } from './compile-worker.js';

type Reply = { seq: number; compiled: CompiledNote } | { seq: number; error: { message: string; line: number | null; expected: boolean } };

const WORKER = new URL('./compile-worker.mjs', import.meta.url);

/**
 * Parses notes in worker threads so a bulk ingest uses every core while the
 * main thread hashes, writes SQLite and stays the single writer. (Child
 * processes were measured first: IPC serialisation cost more than it saved.)
 */
export class CompilePool {
  private readonly children: Worker[];
  private readonly waiting = new Map<number, { resolve: (c: CompiledNote) => void; reject: (e: Error) => void }>();
  private seq = 0;

  // One core stays with the main thread, which writes SQLite.
  constructor(size = Math.max(1, availableParallelism() - 1)) {
    this.children = Array.from({ length: Math.max(1, size) }, () => {
      const child = new Worker(WORKER);
      child.unref();
      child.on('message', (reply: Reply) => this.settle(reply));
      child.on('error', (error) => this.failAll(error));
      return child;
    });
  }

  compile(location: NoteLocation, bytes: Uint8Array, hash: string): Promise<CompiledNote> {
    const seq = this.seq++;
    const child = this.children[seq % this.children.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      child.postMessage({ seq, location, bytes, hash } satisfies CompileRequest);
    });
  }

  close(): void {
    for (const child of this.children) void child.terminate();
  }

  private settle(reply: Reply): void {
    const waiter = this.waiting.get(reply.seq);
    if (!waiter) return;
    this.waiting.delete(reply.seq);
    if ('compiled' in reply) {
      // Structured clone turns Buffers into plain Uint8Arrays; SQLite wants a Buffer for the BLOB.
      const { compiled } = reply;
      waiter.resolve({ ...compiled, bytes: Buffer.from(compiled.bytes.buffer, compiled.bytes.byteOffset, compiled.bytes.byteLength) });
    } else if (reply.error.expected) {
      waiter.reject(new NoteError(reply.error.message, reply.error.line));
    } else {
      waiter.reject(new Error(reply.error.message));
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
