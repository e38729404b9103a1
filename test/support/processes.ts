import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

/** Runs a TypeScript entry point of this repo in its own Node process, as `npm start` / `npm run ingest` do. */
export function runTs(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Polls until the server answers /ready with 200. */
export async function waitReady(base: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${base} never became ready`);
}

/** A course folder of `count` notes in the seed's style, each `conceptsPerNote` concepts long; `edition` changes every concept. */
export function writeNotes(dir: string, course: string, count: number, conceptsPerNote: number, edition = 1): string[] {
  const folder = join(dir, course);
  mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  for (let n = 1; n <= count; n++) {
    const lines = [`---`, `title: Note ${n}`, `chapter: ${(n % 12) + 1}`, `order: ${n}`, `---`, `# ${n}.1 Topic ${n}`];
    for (let c = 0; c < conceptsPerNote; c++) {
      if (c % 20 === 0) lines.push(`## ${n}.1.${c / 20 + 1} Section ${c / 20 + 1}`);
      lines.push(`- **term${c}** edition ${edition}: 소켓 ${n}-${c} concept text about sockets, packets and 프로토콜 number ${c}`);
    }
    const file = join(folder, `note-${String(n).padStart(4, '0')}.md`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    files.push(file);
  }
  return files;
}
