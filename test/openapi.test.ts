import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../src/cli/openapi.js';

describe('openapi.yaml', () => {
  it('matches the spec generated from the route schemas (run `npm run openapi` after changing a route)', async () => {
    expect(readFileSync('openapi.yaml', 'utf8')).toBe(await generateOpenApi());
  });
});
