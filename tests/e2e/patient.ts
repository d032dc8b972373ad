import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { exerciseIdOf } from '../../src/server/modules/library/words.js';
import { signUpThroughApi, type WatchedPage } from './browser.js';

// What the patient-app browser tests share: a practitioner's set-up through the API, the service
// worker taking control, and the accessibility check.

// Read once; injected through the DevTools protocol (page.evaluate), which the page's CSP does not cover.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface ClientWithProgram {
  clientId: string;
  accessCode: string;
  itemIds: string[];
  csrfToken: string;
}

/**
 * Signs the practitioner's context up and gives a new client (in the patient's language) a program
 * of these library exercises, once a day every day: the client's access code and program items.
 */
export async function clientWithProgram(
  practitioner: WatchedPage,
  language: 'en' | 'de',
  slugs: string[],
): Promise<ClientWithProgram> {
  const { csrfToken } = await signUpThroughApi(practitioner.context);
  const headers = { 'x-csrf-token': csrfToken };
  const created = await practitioner.context.request.post('/api/v1/clients', {
    headers,
    data: { firstName: 'Greta', lastName: 'Lindqvist', gender: 'female', yearOfBirth: 1971, language },
  });
  expect(created.status(), await created.text()).toBe(201);
  const clientId = ((await created.json()) as { id: string }).id;
  const item = (slug: string) => ({
    exerciseId: exerciseIdOf(slug),
    sets: 3,
    reps: 10,
    holdSeconds: 5,
    restSeconds: 30,
    timesPerDay: 1,
    daysPerWeek: 7,
    side: 'left',
    notes: null,
  });
  const saved = await practitioner.context.request.put(`/api/v1/clients/${clientId}/program`, {
    headers,
    data: { items: slugs.map(item) },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const body = (await saved.json()) as { accessCode: string; program: { items: { id: string }[] } };
  return {
    clientId,
    accessCode: body.accessCode,
    itemIds: body.program.items.map((entry) => entry.id),
    csrfToken,
  };
}

/** Waits until the service worker controls the page (it claims the page when it activates). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  });
}

/** No serious or critical WCAG 2.1 A/AA violation on the current screen. */
export async function expectAccessible(page: Page): Promise<void> {
  // The pointer rests where the last tap was; a button under it would be measured in its hover shade.
  await page.mouse.move(0, 0);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.failureSummary}`).join(', ')}`,
      );
  });
  expect(violations).toEqual([]);
}
