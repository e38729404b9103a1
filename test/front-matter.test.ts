import { describe, expect, it } from 'vitest';
import { parseNote } from '../src/notes/parse-note.js';

const parse = (markdown: string) => parseNote(markdown, { documentId: 'd_test' });

describe('front matter', () => {
  it('reads chapter, title, course, order and tags, keeping unknown keys as metadata', () => {
    const note = parse('---\nchapter: 2\ntitle: Application Layer\ncourse: net\norder: 1.5\ntags: [net, "#dns"]\nauthor: kim\n---\n# A\n');
    expect(note.frontMatter).toMatchObject({
      chapter: '2',
      title: 'Application Layer',
      course: 'net',
      order: 1.5,
      tags: ['net', 'dns'],
      lineCount: 8,
    });
    expect(note.frontMatter.meta.author).toBe('kim');
    expect(note.topics[0]!.line).toBe(9);
  });

  it('is optional', () => {
    expect(parse('# A\n').frontMatter.lineCount).toBe(0);
  });

  it.each([
    ['---js\nmodule.exports = {}\n---\n', /only YAML/],
    ['---\nchapter: 1\n', /never closed/],
    ['---\na: 1\na: 2\n---\n', /not valid YAML.*unique/i],
    ['---\nx: !!js/function "function () {}"\n---\n', /not valid YAML/],
    ['---\njust a scalar\n---\n', /must be a mapping/],
    ['---\n- a\n- b\n---\n', /must be a mapping/],
    ['---\norder: soon\n---\n', /"order" is invalid/],
    ['---\na: [unclosed\n---\n', /not valid YAML/],
  ])('refuses %j with a clear message', (markdown, message) => {
    expect(() => parse(markdown)).toThrow(message);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = String.fromCharCode(97 + i);
        const name = String.fromCharCode(98 + i);
        return `${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
      }),
    ].join('\n');
    // Expanded, this would be 9^9 strings; the alias cap refuses it before expansion.
    expect(() => parse(`---\n${bomb}\n---\n`)).toThrow(/alias/i);
  });
});
