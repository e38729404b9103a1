import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NoteFile } from './collect-files.js';
import type { CompiledNote, NoteLocation } from './compile-note.js';
import { compileWorkerEntry } from './compile-worker-entry.js';
import { readReply, type CompileReply, type CompileRequest } from './compile-protocol.js';
import type { LoadedNote } from './load-note.js';

/**
 * Parses notes in worker threads so a bulk ingest uses every core while the
 * main thread stays the single SQLite writer. The workers also read and hash
 * the files (load): the writer is the bottleneck, so it does nothing else.
 * (Child processes were measured first: IPC serialisation cost more than it saved.)
 */
export class CompilePool {
  private readonly children: Worker[];
  private readonly waiting = new Map<number, { bytes?: Buffer; resolve: (r: LoadedNote) => void; reject: (e: Error) => void }>();
  private seq = 0;

  // One core stays with the main thread, which writes SQLite.
  constructor(size = Math.max(1, availableParallelism() - 1)) {
    this.children = Array.from({ length: Math.max(1, size) }, () => {
      const child = new Worker(compileWorkerEntry());
      child.unref();
      child.on('message', (reply: CompileReply) => this.settle(reply));
      child.on('error', (error) => this.failAll(error));
      return child;
    });
  }

  /** Compiles bytes the caller holds. */
  async compile(location: NoteLocation, bytes: Uint8Array, hash: string): Promise<CompiledNote> {
    const own = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await this.send((seq) => ({ seq, location, bytes, hash }), own);
    if (!('compiled' in result)) throw new Error('compile worker: bytes sent to compile came back unchanged');
    return result.compiled;
  }

  /** Reads, hashes and, unless its hash is `knownHash`, compiles a note file. Rejects with the file error if it cannot be read. */
  load(file: NoteFile, knownHash: string | null): Promise<LoadedNote> {
    return this.send((seq) => ({ seq, location: { course: file.course, path: file.path }, file: file.file, knownHash }));
  }

  close(): void {
    for (const child of this.children) void child.terminate();
  }

  private send(request: (seq: number) => CompileRequest, bytes?: Buffer): Promise<LoadedNote> {
    const seq = this.seq++;
    const child = this.children[seq % this.children.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { bytes, resolve, reject });
      child.postMessage(request(seq));
    });
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
