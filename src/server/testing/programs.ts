import { inflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { articleIdOf, exerciseIdOf } from '../modules/library/words.js';
import { as, type TestAccount } from './accounts.js';

/** Shipped library exercises and articles (imported when the test app starts), by their stable ids. */
export const LIBRARY = {
  quadSet: exerciseIdOf('knee-quad-set'),
  legRaise: exerciseIdOf('knee-straight-leg-raise'),
  pendulum: exerciseIdOf('shoulder-pendulum'),
  persistentPain: articleIdOf('what-is-persistent-pain'),
};

/** A program item's body with a full dosage. */
export const itemBody = (exerciseId: string, overrides: Record<string, unknown> = {}) => ({
  exerciseId,
  sets: 3,
  reps: 10,
  holdSeconds: 5,
  restSeconds: 30,
  timesPerDay: 2,
  daysPerWeek: 5,
  side: 'left',
  load: '2 kg',
  notes: null,
  ...overrides,
});

export interface TestProgram {
  program: {
    id: string;
    version: number;
    items: { id: string; exerciseId: string; notes: string | null; [field: string]: unknown }[];
    [field: string]: unknown;
  };
  accessCode: string;
}

/** Saves the client's program through the API; fails the test unless it answers 200. */
export async function saveProgram(
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  clientId: string,
  body: Record<string, unknown> = { items: [itemBody(LIBRARY.quadSet)] },
): Promise<TestProgram> {
  const response = await as(app, account, {
    method: 'PUT',
    url: `/api/v1/clients/${clientId}/program`,
    payload: body,
  });
  if (response.statusCode !== 200)
    throw new Error(`saving a program failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/**
 * The text a PDF shows, line by line, as far as pdfkit writes it with the standard fonts: content streams
 * are inflated and the hex strings of each TJ operator decoded (WinAnsi, close enough to Latin-1).
 */
export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  const raw = pdf.toString('latin1');
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (const match of raw.matchAll(streams)) {
    const bytes = Buffer.from(match[1] ?? '', 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const operator of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hexes = [...(operator[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)];
      lines.push(hexes.map((hex) => Buffer.from(hex[1] ?? '', 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join('\n');
}
