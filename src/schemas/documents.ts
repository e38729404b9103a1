import { z } from 'zod';

export const Revision = z
  .object({
    revision: z.number().int(),
    hash: z.string().describe('SHA-256 of the stored bytes, hex.'),
    size: z.number().int().describe('Bytes.'),
    chapter: z.string(),
    title: z.string().nullable(),
    current: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Revision' });
