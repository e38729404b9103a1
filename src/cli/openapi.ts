import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { defaultConfig } from '../config.js';
import { openDatabase } from '../store/database.js';

// `openapi.yaml` is generated from the route schemas; --check fails when the committed file drifted.
const FILE = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));

export async function generateOpenApi(): Promise<string> {
  const db = openDatabase(':memory:');
  const app = await buildApp({ db, config: defaultConfig() });
  await app.ready();
  const yaml = app.swagger({ yaml: true });
  await app.close();
  db.close();
  return yaml;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const generated = await generateOpenApi();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(FILE, 'utf8');
    if (committed !== generated) {
      console.error('openapi.yaml is out of date with the route schemas: run `npm run openapi` and commit it.');
      process.exit(1);
    }
    console.log('openapi.yaml matches the route schemas');
  } else {
    writeFileSync(FILE, generated);
    console.log(`wrote ${FILE}`);
  }
}
