import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';

const WORKSPACE_PAGE = '<!doctype html><title>workspace</title>';
const PATIENT_PAGE = '<!doctype html><title>patient app</title>';
const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/**
 * A built web app in a temporary folder. Its path holds an "assets" folder of its own, as a
 * deployment under /srv/assets/… would, which must not make every file immutable.
 */
function writeWebRoot(): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'rehabit-web-')), 'assets', 'web');
  mkdirSync(path.join(root, 'app', 'assets'), { recursive: true });
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), WORKSPACE_PAGE);
  writeFileSync(path.join(root, 'app', 'index.html'), PATIENT_PAGE);
  writeFileSync(path.join(root, 'app', 'manifest.webmanifest'), '{"name":"Rehabit"}');
  writeFileSync(path.join(root, 'assets', 'x.js'), 'console.log("x");');
  return root;
}

describe(`web app serving (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ webRoot: writeWebRoot() });
  });
  afterAll(() => app.close());

  it('serves the workspace at /', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(WORKSPACE_PAGE);
  });

  it('serves the workspace page for a client-side route of the workspace', async () => {
    const response = await app.inject({ method: 'GET', url: '/clients/123', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(WORKSPACE_PAGE);
  });

  it('serves the patient app at /app/', async () => {
    const response = await app.inject({ method: 'GET', url: '/app/', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(PATIENT_PAGE);
  });

  it('serves the patient app page for a client-side route of the patient app', async () => {
    const response = await app.inject({ method: 'GET', url: '/app/today', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(PATIENT_PAGE);
  });

  it('redirects /app to /app/, the scope of the patient app', async () => {
    const response = await app.inject({ method: 'GET', url: '/app' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/app/');
  });

  it('marks hashed assets immutable', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/x.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log("x");');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('makes pages and other files revalidate so a release is picked up', async () => {
    for (const url of ['/', '/app/', '/clients/123', '/app/manifest.webmanifest']) {
      const response = await app.inject({ method: 'GET', url, headers: html });
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('answers an unknown API path with a JSON 404 even to a browser', async () => {
    for (const url of ['/api/v1/whatever', '/api']) {
      const response = await app.inject({ method: 'GET', url, headers: html });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/^application\/json/);
      expect(response.json().error.code, url).toBe('not_found');
    }
  });

  it('answers a missing asset with a 404, not a page', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/nope.js', headers: html });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('answers a page path with a JSON 404 to a client that does not ask for HTML', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/clients/123',
      headers: { accept: 'application/json' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('answers a page path with a 404 to a method other than GET or HEAD', async () => {
    const response = await app.inject({ method: 'POST', url: '/clients/123', headers: html, payload: {} });
    expect(response.statusCode).toBe(404);
  });
});

describe(`an unbuilt web app (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ webRoot: mkdtempSync(path.join(tmpdir(), 'rehabit-web-empty-')) });
  });
  afterAll(() => app.close());

  it('answers pages with a JSON 404 while the API keeps working', async () => {
    const page = await app.inject({ method: 'GET', url: '/', headers: html });
    expect(page.statusCode).toBe(404);
    expect(page.json().error.code).toBe('not_found');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
