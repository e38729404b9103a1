import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TOKEN, writableApp } from './write-helpers.js';

type App = Awaited<ReturnType<typeof writableApp>>['app'];
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});
async function app(overrides: Parameters<typeof writableApp>[0]) {
  const built = await writableApp(overrides);
  apps.push(built.app);
  return built.app;
}

describe('rate limiting', () => {
  it('answers a client over its limit with 429 problem+json and Retry-After, and never limits /health', async () => {
    const a = await app({ RATE_LIMIT_MAX: 3, RATE_LIMIT_WINDOW_MS: 60_000 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await a.inject({ url: '/ready' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await a.inject({ url: '/ready' });
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    for (let i = 0; i < 5; i++) expect((await a.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('counts a token holder apart from anonymous clients at the same address', async () => {
    const a = await app({ RATE_LIMIT_MAX: 2 });
    for (let i = 0; i < 3; i++) await a.inject({ url: '/ready' });
    expect((await a.inject({ url: '/ready' })).statusCode).toBe(429);
    expect((await a.inject({ url: '/ready', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
  });
});

describe('load shedding', () => {
  it('answers 503 with Retry-After once MAX_IN_FLIGHT requests are in progress, and recovers after', async () => {
    const a = await app({ MAX_IN_FLIGHT: 1 });
    await a.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(a.server.address() as AddressInfo).port}`;
    // A write whose body is still arriving occupies the one slot.
    const socket = connect((a.server.address() as AddressInfo).port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const body = '# Slow\n- arrives in two parts\n';
    socket.write(`PUT /v1/courses/c/documents/ch1.md HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: text/markdown\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
    await vi.waitFor(async () => expect((await fetch(`${base}/ready`)).status).toBe(503), { timeout: 5_000 });
    const shed = await fetch(`${base}/ready`);
    expect(shed.headers.get('retry-after')).toBe('2');
    expect(shed.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    socket.write(body.slice(5));
    await vi.waitFor(() => expect(answer).toMatch(/^HTTP\/1.1 201/), { timeout: 10_000 });
    await vi.waitFor(async () => expect((await fetch(`${base}/ready`)).status).toBe(200), { timeout: 5_000 });
    socket.destroy();
  });

  it('answers 503 problem+json with Retry-After while the event loop lags', async () => {
    const a = await app({ MAX_EVENT_LOOP_DELAY_MS: 5 });
    await vi.waitFor(
      async () => {
        const until = Date.now() + 300;
        while (Date.now() < until); // hold the event loop, as a runaway handler would
        await new Promise((resolve) => setTimeout(resolve, 20));
        const res = await a.inject({ url: '/ready' });
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('2');
        expect(res.json().detail).toMatch(/overloaded/);
      },
      { timeout: 15_000, interval: 50 },
    );
  });
});
