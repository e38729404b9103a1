import { describe, expect, it } from 'vitest';
import { apiApp, richDb } from './api-helpers.js';
import { SEED_COURSE } from './helpers.js';

const CH = `/v1/courses/${SEED_COURSE}/chapters`;
const json = (r: { body: string }) => JSON.parse(r.body);

interface TopicJson {
  id: string;
  title: string;
  section: string | null;
  concepts?: { id: string; terms?: string[]; figures?: { id: string }[]; concepts: unknown[] }[];
  blocks?: unknown[];
  topics: TopicJson[];
}
const walk = (topics: TopicJson[]): TopicJson[] => topics.flatMap((t) => [t, ...walk(t.topics)]);

describe('catalogue', () => {
  it('lists courses with chapter counts', async () => {
    const api = await apiApp(richDb().db);
    const body = json(await api.get('/v1/courses'));
    expect(body.items.map((c: { id: string; chapterCount: number }) => [c.id, c.chapterCount])).toEqual([
      ['computer-networking', 2],
      ['컴퓨터구조', 1],
    ]);
    expect(body.nextCursor).toBeNull();
  });

  it('lists a course\'s chapters in order with counts and their notes', async () => {
    const api = await apiApp(richDb().db);
    const body = json(await api.get(CH));
    expect(body.items.map((c: { chapter: string }) => c.chapter)).toEqual(['2', '3']);
    expect(body.items[0]).toMatchObject({
      title: expect.any(String),
      topicCount: 8,
      conceptCount: 29,
      figureCount: 1,
      documentCount: 1,
      documents: [{ path: 'ch02-application-layer.md', revision: 1 }],
    });
  });

  it('pages with an opaque cursor until nextCursor is null', async () => {
    const api = await apiApp(richDb().db);
    const seen: string[] = [];
    let url = '/v1/courses?limit=1';
    for (;;) {
      const body = json(await api.get(url));
      seen.push(...body.items.map((c: { id: string }) => c.id));
      if (!body.nextCursor) break;
      url = `/v1/courses?limit=1&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual(['computer-networking', '컴퓨터구조']);
    const first = json(await api.get(`${CH}?limit=1`));
    const second = json(await api.get(`${CH}?limit=1&cursor=${first.nextCursor}`));
    expect([first.items[0].chapter, second.items[0].chapter, second.nextCursor]).toEqual(['2', '3', null]);
  });

  it('sorts numbered chapters numerically, 2 before 10', async () => {
    const { db, writer } = richDb();
    const { note } = await import('./helpers.js');
    writer.save(note('computer-networking', 'ch10-security.md', '# Security\n- x\n'));
    const api = await apiApp(db);
    expect(json(await api.get(CH)).items.map((c: { chapter: string }) => c.chapter)).toEqual(['2', '3', '10']);
  });
});

describe('a chapter', () => {
  it('is the whole seed chapter as a tree: 8 topics, 29 concepts, 5 terms, 1 figure, 1 block', async () => {
    const api = await apiApp();
    const chapter = json(await api.get(`${CH}/2`));
    expect(chapter).toMatchObject({ format: 'tree', course: SEED_COURSE, chapter: '2', section: null, ancestors: [] });
    expect(chapter.documents).toEqual([expect.objectContaining({ path: 'ch02-application-layer.md', revision: 1 })]);
    const topics = walk(chapter.topics);
    expect(topics).toHaveLength(8);
    expect(chapter.topics.map((t: TopicJson) => t.title)).toEqual(['Network Application Architectures', '프로세스 통신']);
    const concepts = topics.flatMap((t) => t.concepts ?? []);
    expect(concepts).toHaveLength(29);
    expect(concepts.flatMap((c) => c.terms ?? [])).toHaveLength(5);
    expect(concepts.flatMap((c) => c.figures ?? [])).toEqual([
      expect.objectContaining({ kind: 'embed', target: 'socket_interface.png', line: 30 }),
    ]);
    expect(topics.flatMap((t) => t.blocks ?? [])).toHaveLength(1);
  });

  it('puts content before the first heading on the chapter itself', async () => {
    const api = await apiApp(richDb().db);
    const chapter = json(await api.get(`${CH}/3`));
    expect(chapter.blocks).toEqual([expect.objectContaining({ kind: 'paragraph', markdown: 'Before any heading.' })]);
    expect(chapter.concepts).toEqual([expect.objectContaining({ text: 'a loose concept' })]);
    expect(chapter.topics[0].concepts[0].concepts[0].text).toBe('nested under basics');
  });

  it('leaves out what include= does not name, and cuts topics at depth=', async () => {
    const api = await apiApp();
    const slim = json(await api.get(`${CH}/2?include=&depth=1`));
    expect(slim.topics).toHaveLength(2);
    expect(slim.topics.every((t: TopicJson) => t.topics.length === 0 && t.concepts === undefined && t.blocks === undefined)).toBe(true);
    const noTerms = json(await api.get(`${CH}/2?include=concepts`));
    const concept = walk(noTerms.topics).flatMap((t) => t.concepts ?? [])[0]!;
    expect(concept.terms).toBeUndefined();
    expect(concept.figures).toBeUndefined();
  });

  it('comes as flat lists with parent ids when format=flat', async () => {
    const api = await apiApp();
    const flat = json(await api.get(`${CH}/2?format=flat`));
    expect(flat.format).toBe('flat');
    expect(flat.topics).toHaveLength(8);
    expect(flat.concepts).toHaveLength(29);
    expect(flat.figures).toHaveLength(1);
    const ids = new Set(flat.topics.map((t: { id: string }) => t.id));
    expect(flat.topics.filter((t: { parentId: string | null }) => t.parentId !== null).every((t: { parentId: string }) => ids.has(t.parentId))).toBe(true);
  });

  it('resolves a section number to that topic\'s subtree, with the topics above it', async () => {
    const api = await apiApp(richDb().db);
    const section = json(await api.get(`${CH}/3.1.1`));
    expect(section).toMatchObject({ chapter: '3', section: '3.1.1', ancestors: [{ title: 'Basics', section: '3.1' }] });
    expect(section.topics.map((t: TopicJson) => t.title)).toEqual(['Detail']);
    expect(section.topics[0].topics.map((t: TopicJson) => t.title)).toEqual(['Deeper']);
    expect(section.blocks).toEqual([]);
    const shallow = json(await api.get(`${CH}/3.1?depth=1`));
    expect(shallow.topics[0].topics).toEqual([]);
    const flat = json(await api.get(`${CH}/3.1.1?format=flat`));
    expect(flat.topics.map((t: { title: string; parentId: string | null }) => [t.title, t.parentId === null])).toEqual([
      ['Detail', true],
      ['Deeper', false],
    ]);
  });

  it('prefers a chapter literally named like a section', async () => {
    const { db, writer } = richDb();
    const { note } = await import('./helpers.js');
    writer.save(note('computer-networking', 'appendix.md', '---\nchapter: "3.1"\n---\n# Appendix\n- a\n'));
    const api = await apiApp(db);
    expect(json(await api.get(`${CH}/3.1`))).toMatchObject({ chapter: '3.1', section: null });
  });

  it('lists its figures (embeds and mentions) with where each stands', async () => {
    const api = await apiApp(richDb().db);
    const figures = json(await api.get(`${CH}/3/figures`)).items;
    expect(figures.map((f: { kind: string; target: string; topic: { title: string } }) => [f.kind, f.target, f.topic.title])).toEqual([
      ['embed', 'detail.png', 'Detail'],
      ['mention', '3.1', 'Deeper'],
    ]);
    expect(figures[0].concept.text).toContain('detail item');
    const page1 = json(await api.get(`${CH}/3/figures?limit=1`));
    const page2 = json(await api.get(`${CH}/3/figures?limit=1&cursor=${page1.nextCursor}`));
    expect([page1.items[0].target, page2.items[0].target, page2.nextCursor]).toEqual(['detail.png', '3.1', null]);
    expect(json(await api.get(`${CH}/3.2/figures`)).items).toEqual([]);
  });

  it('indexes its key terms with the concepts each is bold in', async () => {
    const api = await apiApp(richDb().db);
    const terms = json(await api.get(`${CH}/3/terms`)).items;
    expect(terms.map((t: { term: string; concepts: unknown[] }) => [t.term, t.concepts.length])).toEqual([
      ['TCP', 2],
      ['UDP', 1],
    ]);
    const page2 = json(await api.get(`${CH}/3/terms?limit=1&cursor=${json(await api.get(`${CH}/3/terms?limit=1`)).nextCursor}`));
    expect(page2.items.map((t: { term: string }) => t.term)).toEqual(['UDP']);
    expect(json(await api.get(`${CH}/2/terms`)).items).toHaveLength(5);
  });
});

describe('items by id', () => {
  it('serves every topic, concept and figure of the seed with a breadcrumb', async () => {
    const api = await apiApp();
    const chapter = json(await api.get(`${CH}/2?format=flat`));
    for (const topic of chapter.topics) {
      const item = json(await api.get(`/v1/topics/${topic.id}`));
      expect(item).toMatchObject({ id: topic.id, title: topic.title, parentId: topic.parentId });
      expect(item.breadcrumb).toMatchObject({ course: SEED_COURSE, chapter: { chapter: '2', id: chapter.id } });
      expect(item.breadcrumb.topics.map((t: { id: string }) => t.id)).toEqual(topic.parentId ? [topic.parentId] : []);
    }
    for (const concept of chapter.concepts) {
      const item = json(await api.get(`/v1/concepts/${concept.id}`));
      expect(item).toMatchObject({ id: concept.id, text: concept.text, topicId: concept.topicId });
      expect(item.breadcrumb.topics.at(-1).id).toBe(concept.topicId);
    }
    const [figure] = chapter.figures;
    const item = json(await api.get(`/v1/figures/${figure.id}`));
    expect(item).toMatchObject({ id: figure.id, target: 'socket_interface.png' });
    expect(item.breadcrumb.topics.map((t: { title: string }) => t.title)).toEqual(['프로세스 통신', 'Socket']);
    expect(item.breadcrumb.concepts).toEqual([{ id: figure.conceptId, text: expect.stringContaining('socket interface') }]);
  });

  it('gives a nested concept its parent items in the breadcrumb', async () => {
    const api = await apiApp(richDb().db);
    const flat = json(await api.get(`${CH}/3?format=flat`));
    const nested = flat.concepts.find((c: { text: string }) => c.text === 'nested under basics');
    const item = json(await api.get(`/v1/concepts/${nested.id}`));
    expect(item.breadcrumb.concepts.map((c: { text: string }) => c.text)).toEqual(['uses TCP and UDP']);
    expect(item.breadcrumb.topics.map((t: { section: string }) => t.section)).toEqual(['3.1']);
  });
});

describe('documents', () => {
  it('returns the exact stored bytes as text/markdown, and each revision', async () => {
    const { db, writer } = richDb();
    const { note } = await import('./helpers.js');
    writer.save(note('computer-networking', 'ch03-transport.md', '---\nchapter: 3\n---\n# Edited\n- x\n'));
    const api = await apiApp(db);
    const id = json(await api.get(`${CH}/3`)).documents[0].id;
    const current = await api.get(`/v1/documents/${id}/source`);
    expect(current.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(current.body).toBe('---\nchapter: 3\n---\n# Edited\n- x\n');
    const first = await api.get(`/v1/documents/${id}/source?revision=1`);
    expect(first.body).toContain('# 3.1 Basics');
    expect(first.headers['cache-control']).toContain('immutable');
    const revisions = json(await api.get(`/v1/documents/${id}/revisions`));
    expect(revisions.items.map((r: { revision: number; current: boolean }) => [r.revision, r.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    const page2 = json(await api.get(`/v1/documents/${id}/revisions?limit=1&cursor=${json(await api.get(`/v1/documents/${id}/revisions?limit=1`)).nextCursor}`));
    expect(page2.items.map((r: { revision: number }) => r.revision)).toEqual([1]);
  });

  it('serves the seed source byte for byte', async () => {
    const { seedBytes } = await import('./helpers.js');
    const api = await apiApp();
    const id = json(await api.get(`${CH}/2`)).documents[0].id;
    expect((await api.app.inject(`/v1/documents/${id}/source`)).rawPayload.equals(seedBytes())).toBe(true);
  });
});

describe('Korean in URLs', () => {
  it('finds a Korean course percent-encoded, in NFC or NFD', async () => {
    const api = await apiApp(richDb().db);
    for (const form of ['NFC', 'NFD'] as const) {
      const course = encodeURIComponent('컴퓨터구조'.normalize(form));
      const chapters = json(await api.get(`/v1/courses/${course}/chapters`));
      expect(chapters.items[0]).toMatchObject({ course: '컴퓨터구조', chapter: '1', title: '개요' });
      const chapter = json(await api.get(`/v1/courses/${course}/chapters/1`));
      expect(chapter.topics[0].concepts[0].terms).toEqual(['레지스터']);
      expect((await api.get(`/v1/courses/${course}/chapters/1.1`)).statusCode).toBe(200);
    }
  });
});

describe('GET /', () => {
  it('points a newcomer at the docs, the spec and the main resources', async () => {
    const api = await apiApp();
    const res = await api.get('/');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ docs: '/docs', openapi: '/openapi.json', links: { courses: '/v1/courses' } });
    expect((await api.get(res.json().links.courses)).statusCode).toBe(200);
  });
});
