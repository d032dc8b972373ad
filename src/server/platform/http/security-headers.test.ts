import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';

/** Answers of several kinds: a route, an unknown path, a refused body, the docs page. */
const REQUESTS: InjectOptions[] = [
  { method: 'GET', url: '/healthz' },
  { method: 'GET', url: '/api/v1/no-such-thing' },
  {
    method: 'POST',
    url: '/api/v1/no-such-thing',
    headers: { 'content-type': 'application/json' },
    payload: '{',
  },
  { method: 'GET', url: '/api/docs/' },
  { method: 'GET', url: '/api/openapi.json' },
];

/** The Content-Security-Policy header as directive name → sources. */
function cspDirectives(header: string | string[] | number | undefined): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe(`security headers over http (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ env: { PUBLIC_URL: 'http://localhost:3000' } });
  });
  afterAll(() => app.close());

  it('allows scripts from our own origin only, never inline', async () => {
    for (const request of REQUESTS) {
      const csp = cspDirectives((await app.inject(request)).headers['content-security-policy']);
      expect(csp.get('script-src'), request.url as string).toEqual(["'self'"]);
      expect(csp.get('default-src'), request.url as string).toEqual(["'self'"]);
      expect(csp.get('object-src'), request.url as string).toEqual(["'none'"]);
    }
  });

  it('forbids framing by any page', async () => {
    for (const request of REQUESTS) {
      const response = await app.inject(request);
      expect(cspDirectives(response.headers['content-security-policy']).get('frame-ancestors')).toEqual([
        "'none'",
      ]);
      expect(response.headers['x-frame-options'], request.url as string).toBe('DENY');
    }
  });

  it('stops content sniffing and referrers', async () => {
    for (const request of REQUESTS) {
      const response = await app.inject(request);
      expect(response.headers['x-content-type-options'], request.url as string).toBe('nosniff');
      expect(response.headers['referrer-policy'], request.url as string).toBe('no-referrer');
    }
  });

  it('grants camera and microphone to our own pages only', async () => {
    for (const request of REQUESTS) {
      const policy = String((await app.inject(request)).headers['permissions-policy']);
      expect(policy, request.url as string).toContain('camera=(self)');
      expect(policy, request.url as string).toContain('microphone=(self)');
      expect(policy, request.url as string).toContain('geolocation=()');
    }
  });

  it('sends no HSTS and no upgrade-insecure-requests when served over http', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(cspDirectives(response.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(
      false,
    );
  });
});

describe(`security headers over https (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ env: { PUBLIC_URL: 'https://rehab.example.org' } });
  });
  afterAll(() => app.close());

  it('sends HSTS for a year, subdomains included, on every answer', async () => {
    for (const request of REQUESTS) {
      const hsts = (await app.inject(request)).headers['strict-transport-security'];
      expect(hsts, request.url as string).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('asks browsers to upgrade insecure requests', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(cspDirectives(response.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(
      true,
    );
  });

  it('keeps scripts to our own origin', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    const scripts = cspDirectives(response.headers['content-security-policy']).get('script-src');
    expect(scripts).toEqual(["'self'"]);
    expect(scripts).not.toContain("'unsafe-inline'");
  });
});
