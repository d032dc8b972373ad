import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { itemBody, LIBRARY, pdfText, saveProgram } from '../../testing/programs.js';
import { JPEG, upload, WEBP } from '../exercises/exercises.testkit.js';
import { auditOf } from '../practices/team.testkit.js';
import { formatAccessCode } from './access-codes.js';

describe(`program handout (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp({ env: { PUBLIC_URL: 'https://rehab.example.org' } });
  });
  afterAll(async () => {
    await app.close();
  });

  const handout = (account: TestAccount, clientId: string, query = '') =>
    as(app, account, { url: `/api/v1/clients/${clientId}/program/handout.pdf${query}` });
  const imagesIn = (pdf: Buffer) => pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;

  async function practiceWithProgram(language = 'en') {
    const owner = await signUp(app, { practiceName: 'Physio am Markt' });
    const client = await createClient(app, owner, { firstName: 'Ada', language });
    const saved = await saveProgram(app, owner, client.id, {
      items: [
        itemBody(LIBRARY.quadSet, { notes: 'Towel under the knee.' }),
        itemBody(LIBRARY.legRaise, { side: 'both', holdSeconds: null }),
      ],
      educationIds: [LIBRARY.persistentPain],
    });
    return { owner, client, accessCode: saved.accessCode };
  }

  it('prints the practice, first name, exercises with dosage and steps, articles, and the access code in English', async () => {
    const { owner, client, accessCode } = await practiceWithProgram();
    const response = await handout(owner, client.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="home-exercise-program.pdf"');
    expect(response.headers['cache-control']).toBe('no-store');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      'Physio am Markt',
      'Your home exercise program',
      'Prepared for Ada',
      '1. Quad set (static quadriceps)',
      '3 sets · 10 repetitions · hold 5 s · rest 30 s · left side · load: 2 kg · 2 times a day · 5 days a week',
      'Note: Towel under the knee.',
      '2. Straight leg raise',
      'What is persistent pain?',
      formatAccessCode(accessCode),
      'https://rehab.example.org/app/',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/\n1\. Lie on your back/);
    expect(text).not.toContain('Lindqvist');
  });

  it("prints in German when asked, or when German is the client's language", async () => {
    const { owner, client } = await practiceWithProgram();
    const asked = await handout(owner, client.id, '?lang=de');
    expect(asked.headers['content-disposition']).toBe('attachment; filename="heimuebungsprogramm.pdf"');
    const text = pdfText(asked.rawPayload);
    for (const expected of [
      'Ihr Heimübungsprogramm',
      'Für Ada',
      '1. Quadrizeps-Anspannung (statisch)',
      '3 Sätze · 10 Wiederholungen · 5 s halten · 30 s Pause · linke Seite · Belastung: 2 kg · 2-mal täglich',
      'Was ist anhaltender Schmerz?',
      'Ihr Zugangscode',
    ])
      expect(text).toContain(expected);

    const german = await practiceWithProgram('de');
    expect(pdfText((await handout(german.owner, german.client.id)).rawPayload)).toContain('Ihr Zugangscode');
    const overridden = await handout(german.owner, german.client.id, '?lang=en');
    expect(pdfText(overridden.rawPayload)).toContain('Your access code');
    expect((await handout(german.owner, german.client.id, '?lang=fr')).statusCode).toBe(400);
  });

  it("embeds an exercise's first JPEG or PNG image and leaves a WebP one out", async () => {
    const { owner, client } = await practiceWithProgram();
    const plain = imagesIn((await handout(owner, client.id)).rawPayload);
    const webp = await upload(app, owner, LIBRARY.legRaise, { data: WEBP, contentType: 'image/webp' });
    expect(webp.statusCode, webp.body).toBe(201);
    const withWebp = await handout(owner, client.id);
    expect(withWebp.statusCode).toBe(200);
    expect(imagesIn(withWebp.rawPayload)).toBe(plain);
    const jpeg = await upload(app, owner, LIBRARY.quadSet, { data: JPEG, contentType: 'image/jpeg' });
    expect(jpeg.statusCode, jpeg.body).toBe(201);
    const withJpeg = await handout(owner, client.id);
    expect(imagesIn(withJpeg.rawPayload)).toBe(plain + 1);
  });

  it('never prints an image that features another client', async () => {
    const { owner, client } = await practiceWithProgram();
    const someoneElse = await createClient(app, owner, { firstName: 'Bo' });
    const plain = imagesIn((await handout(owner, client.id)).rawPayload);
    const theirs = await upload(app, owner, LIBRARY.quadSet, { data: JPEG, contentType: 'image/jpeg' }, [
      { name: 'featuredClientId', value: someoneElse.id },
    ]);
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(imagesIn((await handout(owner, client.id)).rawPayload)).toBe(plain);
  });

  it('audits the handout, which reveals the access code, and answers 404 without a program', async () => {
    const { owner, client } = await practiceWithProgram();
    await handout(owner, client.id);
    const actions = (await auditOf(app, owner.practiceId))
      .filter((e) => e.subject_id === client.id)
      .map((e) => e.action);
    expect(actions.at(-1)).toBe('program.handout');
    const empty = await createClient(app, owner, { firstName: 'Bo' });
    const none = await handout(owner, empty.id);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('not_found');
  });
});
