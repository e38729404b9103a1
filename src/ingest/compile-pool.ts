import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CompiledNote, NoteLocation } from './compile-note.js';
import { COMPILE_WORKER, readReply, type CompileReply, type CompileRequest } from './compile-protocol.js';

/**
 * Parses notes in worker threads so a bulk ingest uses every core while the
 * main thread hashes, writes SQLite and stays the single writer. (Child
 * processes were measured first: IPC serialisation cost more than it saved.)
 */
export class CompilePool {
  private readonly children: Worker[];
  private readonly waiting = new Map<number, { bytes: Buffer; resolve: (c: CompiledNote) => void; reject: (e: Error) => void }>();
  private seq = 0;

  // One core stays with the main thread, which writes SQLite.
  constructor(size = Math.max(1, availableParallelism() - 1)) {
    this.children = Array.from({ length: Math.max(1, size) }, () => {
      const child = new Worker(COMPILE_WORKER);
      child.unref();
      child.on('message', (reply: CompileReply) => this.settle(reply));
      child.on('error', (error) => this.failAll(error));
      return child;
    });
  }

  compile(location: NoteLocation, bytes: Uint8Array, hash: string): Promise<CompiledNote> {
    const seq = this.seq++;
    const child = this.children[seq % this.children.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), resolve, reject });
      child.postMessage({ seq, location, bytes, hash } satisfies CompileRequest);
    });
  }

  close(): void {
    for (const child of this.children) void child.terminate();
  }

  private settle(reply: CompileReply): void {
    const waiter = this.waiting.get(reply.seq);
    if (!waiter) return;
    this.waiting.delete(reply.seq);
    try {
      waiter.resolve(readReply(reply, waiter.bytes));
    } catch (error) {
      waiter.reject(error as Error);
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
