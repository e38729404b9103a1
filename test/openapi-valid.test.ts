import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document (official schema, every $ref resolving)', async () => {
    const api = await SwaggerParser.validate(parse(readFileSync('openapi.yaml', 'utf8')));
    expect((api as { openapi?: string }).openapi).toBe('3.1.0');
  });

  it('is checked for real: a broken copy is rejected', async () => {
    const broken = parse(readFileSync('openapi.yaml', 'utf8'));
    broken.paths['/v1/courses'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Nope' };
    await expect(SwaggerParser.validate(broken)).rejects.toThrow();
    const noInfo = parse(readFileSync('openapi.yaml', 'utf8'));
    delete noInfo.info;
    await expect(SwaggerParser.validate(noInfo)).rejects.toThrow();
  });
});
