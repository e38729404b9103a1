import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ChapterView } from '../schemas/chapter.js';
import type { PrecompressedEncoding } from '../http/accept-encoding.js';
import { ChapterReader } from '../store/chapter-reader.js';
import { CourseReader, type ChapterRef } from '../store/course-reader.js';
import type { Db } from '../store/database.js';
import { assembleChapter, type AssembledChapter } from './assemble-chapter.js';
import { flatView, treeView, viewKey, type ViewOptions } from './chapter-views.js';

export interface RenderedView {
  /** The chapter ETag the bytes were built from (may be newer than the row the caller looked up). */
  etag: string;
  /** The JSON as UTF-8, encoded once: writing a Buffer skips re-encoding a large string per request. */
  body: Buffer;
  encoded: Partial<Record<PrecompressedEncoding, Buffer>>;
  bytes: number;
}

export interface ChapterCacheOptions {
  /** Serialized views (and their compressed copies) kept, in bytes. */
  maxBytes?: number;
  /** Assembled chapter trees kept (items and lists are served from these). */
  maxChapters?: number;
}

/**
 * Chapters are assembled once per ETag, and each view (options) serialized
 * and validated once, so a request costs one indexed ETag look-up and a
 * cached string. Both caches are LRU; a new ETag simply misses.
 */
export class ChapterCache {
  readonly courses: CourseReader;
  private readonly reader: ChapterReader;
  private readonly trees = new Map<string, AssembledChapter>();
  private readonly views = new Map<string, RenderedView>();
  private viewBytes = 0;
  private readonly maxBytes: number;
  private readonly maxChapters: number;

  constructor(
    private readonly db: Db,
    { maxBytes = 64 * 1024 * 1024, maxChapters = 64 }: ChapterCacheOptions = {},
  ) {
    this.courses = new CourseReader(db);
    this.reader = new ChapterReader(db);
    this.maxBytes = maxBytes;
    this.maxChapters = maxChapters;
  }

  /** The chapter tree at its current ETag, or undefined when the chapter is gone. */
  assembled(row: ChapterRef): AssembledChapter | undefined {
    const hit = touch(this.trees, row.id);
    if (hit && hit.chapter.etag === row.etag) return hit;
    // Re-read the row with the items in one read transaction so ETag and content agree.
    const fresh = this.db.transaction(() => {
      const current = this.courses.chapterOfId(row.id);
      return current && assembleChapter(current, this.reader.read(current.course, current.chapter));
    })();
    this.trees.delete(row.id);
    if (!fresh) return undefined;
    this.trees.set(row.id, fresh);
    if (this.trees.size > this.maxChapters) this.trees.delete(this.trees.keys().next().value!);
    return fresh;
  }

  rendered(row: ChapterRef, options: ViewOptions): RenderedView | undefined {
    const key = `${row.id}|${row.etag}|${viewKey(options)}`;
    const hit = touch(this.views, key);
    if (hit) return hit;
    const chapter = this.assembled(row);
    if (!chapter) return undefined;
    const view = options.format === 'flat' ? flatView(chapter, options) : treeView(chapter, options);
    // Validated and shaped once per ETag and options, not per request.
    const body = Buffer.from(JSON.stringify(ChapterView.parse(view)), 'utf8');
    const rendered: RenderedView = { etag: chapter.chapter.etag, body, encoded: {}, bytes: body.length };
    this.store(`${row.id}|${rendered.etag}|${viewKey(options)}`, rendered);
    return rendered;
  }

  /** The view compressed once with `encoding`, kept alongside it. */
  encode(view: RenderedView, encoding: PrecompressedEncoding): Buffer {
    let body = view.encoded[encoding];
    if (!body) {
      body =
        encoding === 'br'
          ? brotliCompressSync(view.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: view.body.length } })
          : gzipSync(view.body, { level: 9 });
      view.encoded[encoding] = body;
      view.bytes += body.length;
      this.viewBytes += body.length;
      this.evict();
    }
    return body;
  }

  private store(key: string, view: RenderedView): void {
    const old = this.views.get(key);
    if (old) this.viewBytes -= old.bytes;
    this.views.set(key, view);
    this.viewBytes += view.bytes;
    this.evict();
  }

  private evict(): void {
    // Never evicts the entry just used: a single view larger than the budget still serves this request.
    while (this.viewBytes > this.maxBytes && this.views.size > 1) {
      const [key, view] = this.views.entries().next().value!;
      this.views.delete(key);
      this.viewBytes -= view.bytes;
    }
  }
}

function touch<T>(map: Map<string, T>, key: string): T | undefined {
  const value = map.get(key);
  if (value !== undefined) {
    map.delete(key);
    map.set(key, value);
  }
  return value;
}
