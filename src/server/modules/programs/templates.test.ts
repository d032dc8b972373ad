import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { apiKeyHeaders, createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { createExercise } from '../exercises/exercises.testkit.js';
import { addMember, auditOf } from '../practices/team.testkit.js';
import { canEditTemplate } from './programs.policy.js';

describe(`program templates (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildTestApp({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  const templateBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Knee, first week',
    description: 'After arthroscopy',
    shared: false,
    items: [itemBody(LIBRARY.quadSet, { notes: 'Towel under the knee.' })],
    educationIds: [LIBRARY.persistentPain],
    outcomeMeasures: ['LEFS'],
    ...overrides,
  });
  const createTemplate = async (account: TestAccount, overrides: Record<string, unknown> = {}) => {
    const response = await as(app, account, {
      method: 'POST',
      url: '/api/v1/program-templates',
      payload: templateBody(overrides),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; [field: string]: unknown };
  };
  const listed = async (account: TestAccount) =>
    (await as(app, account, { url: '/api/v1/program-templates' }))
      .json()
      .items.map((t: { name: string }) => t.name);

  it('lets only the maker edit a template, and the practice owner a shared one too', () => {
    const member = { practitionerId: 'a', role: 'practitioner' as const };
    const owner = { practitionerId: 'o', role: 'owner' as const };
    expect(canEditTemplate(member, { ownerId: 'a', shared: false })).toBe(true);
    expect(canEditTemplate(member, { ownerId: 'b', shared: true })).toBe(false);
    expect(canEditTemplate(owner, { ownerId: 'b', shared: true })).toBe(true);
    expect(canEditTemplate(owner, { ownerId: 'b', shared: false })).toBe(false);
    expect(canEditTemplate(owner, { ownerId: null, shared: true })).toBe(true);
  });

  it('creates, reads, changes and deletes a template, auditing each change', async () => {
    const owner = await signUp(app);
    const created = await createTemplate(owner);
    expect(created).toMatchObject({
      name: 'Knee, first week',
      description: 'After arthroscopy',
      shared: false,
      mine: true,
      canEdit: true,
      owner: { id: owner.practitionerId, name: 'Greta Okafor' },
      educationIds: [LIBRARY.persistentPain],
      outcomeMeasures: ['LEFS'],
      items: [
        {
          exerciseId: LIBRARY.quadSet,
          notes: 'Towel under the knee.',
          exercise: { title: 'Quad set (static quadriceps)' },
        },
      ],
    });
    const itemId = (created.items as { id: string }[])[0]?.id;
    const list = await as(app, owner, { url: '/api/v1/program-templates' });
    expect(list.json().items).toEqual([expect.objectContaining({ id: created.id, itemCount: 1 })]);

    const renamed = await as(app, owner, {
      method: 'PATCH',
      url: `/api/v1/program-templates/${created.id}`,
      payload: { name: 'Knee, week one', shared: true, description: null },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Knee, week one', shared: true, description: null });
    expect(renamed.json().items[0]).toMatchObject({ id: itemId, notes: 'Towel under the knee.' });

    const reitemed = await as(app, owner, {
      method: 'PATCH',
      url: `/api/v1/program-templates/${created.id}?lang=de`,
      payload: {
        items: [{ ...itemBody(LIBRARY.quadSet, { sets: 5 }), id: itemId }, itemBody(LIBRARY.legRaise)],
      },
    });
    expect(reitemed.json().items.map((i: { id: string; sets: number }) => i.sets)).toEqual([5, 3]);
    expect(reitemed.json().items[0]).toMatchObject({
      id: itemId,
      exercise: { title: 'Quadrizeps-Anspannung (statisch)' },
    });

    const removed = await as(app, owner, {
      method: 'DELETE',
      url: `/api/v1/program-templates/${created.id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await as(app, owner, { url: `/api/v1/program-templates/${created.id}` })).statusCode).toBe(404);
    const actions = (await auditOf(app, owner.practiceId))
      .filter((e) => e.subject_type === 'program_template')
      .map((e) => e.action);
    expect(actions).toEqual(['template.create', 'template.update', 'template.update', 'template.delete']);
  });

  it('names bad template fields in a 400 validation_failed', async () => {
    const owner = await signUp(app);
    const response = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/program-templates',
      payload: { name: ' ', items: [itemBody(LIBRARY.quadSet, { reps: 1000 })] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'Give the template a name.' },
        { field: 'shared', message: 'Say whether the template is shared with the practice.' },
        { field: 'items.0.reps', message: 'Enter the repetitions from 1 to 100.' },
      ]),
    );
  });

  it("shows a member the practice's shared templates and their own, and lets them edit only their own", async () => {
    const owner = await signUp(app);
    const colleague = await addMember(app, smtp, owner, 'practitioner');
    const privateOne = await createTemplate(owner, { name: 'Owner private' });
    const sharedOne = await createTemplate(owner, { name: 'Owner shared', shared: true });
    const theirs = await createTemplate(colleague, { name: 'Colleague shared', shared: true });
    await createTemplate(colleague, { name: 'Colleague private' });

    expect(await listed(colleague)).toEqual(['Colleague private', 'Colleague shared', 'Owner shared']);
    expect(await listed(owner)).toEqual(['Colleague shared', 'Owner private', 'Owner shared']);
    expect((await as(app, colleague, { url: `/api/v1/program-templates/${privateOne.id}` })).statusCode).toBe(
      404,
    );
    const seen = await as(app, colleague, { url: `/api/v1/program-templates/${sharedOne.id}` });
    expect(seen.json()).toMatchObject({ mine: false, canEdit: false });

    const patch = (account: TestAccount, id: string) =>
      as(app, account, {
        method: 'PATCH',
        url: `/api/v1/program-templates/${id}`,
        payload: { name: 'Mine now' },
      });
    const denied = await patch(colleague, sharedOne.id);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    expect(
      (await as(app, colleague, { method: 'DELETE', url: `/api/v1/program-templates/${sharedOne.id}` }))
        .statusCode,
    ).toBe(403);
    expect((await patch(colleague, privateOne.id)).statusCode).toBe(404);
    // The practice owner looks after the shared library, including a colleague's shared template.
    expect((await as(app, owner, { url: `/api/v1/program-templates/${theirs.id}` })).json().canEdit).toBe(
      true,
    );
    expect((await patch(owner, theirs.id)).statusCode).toBe(200);
  });

  it('lets an API key read shared templates only, and change none', async () => {
    const owner = await signUp(app);
    const headers = await apiKeyHeaders(app, owner);
    await createTemplate(owner, { name: 'Private' });
    const shared = await createTemplate(owner, { name: 'Shared', shared: true });
    const list = await app.inject({ url: '/api/v1/program-templates', headers });
    expect(list.json().items.map((t: { name: string }) => t.name)).toEqual(['Shared']);
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/v1/program-templates/${shared.id}`,
      headers,
      payload: { name: 'X' },
    });
    expect(change.statusCode).toBe(403);
  });

  it("saves a client's program as a template without its notes, and starts another client's program from it", async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const next = await createClient(app, owner, { firstName: 'Bo' });
    await saveProgram(app, owner, client.id, {
      items: [itemBody(LIBRARY.quadSet, { notes: 'About her left knee.' }), itemBody(LIBRARY.legRaise)],
      outcomeMeasures: ['NPRS'],
      note: 'Private to the client.',
    });
    const saved = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/clients/${client.id}/program/template`,
      payload: { name: 'Knee basics', shared: true },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const template = saved.json();
    expect(template).toMatchObject({ name: 'Knee basics', shared: true, outcomeMeasures: ['NPRS'] });
    expect(template.items.map((i: { notes: string | null }) => i.notes)).toEqual([null, null]);
    expect(JSON.stringify(template)).not.toContain(client.id);

    await saveProgram(app, owner, next.id, {
      items: [itemBody(LIBRARY.pendulum)],
      note: 'Bo: keep this note.',
    });
    const started = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/clients/${next.id}/program/from-template`,
      payload: { templateId: template.id },
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().program).toMatchObject({
      clientId: next.id,
      version: 2,
      note: 'Bo: keep this note.',
      items: [{ exerciseId: LIBRARY.quadSet }, { exerciseId: LIBRARY.legRaise }],
    });
    expect(started.json().accessCode).toMatch(/^[a-z]{10}$/);
  });

  it('refuses an exercise made for one client in a template', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const own = await createExercise(app, owner, { featuredClientId: client.id });
    const direct = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/program-templates',
      payload: templateBody({ items: [itemBody(own.id)] }),
    });
    expect(direct.statusCode).toBe(400);
    expect(direct.json().error.details).toEqual([
      { field: 'items.0.exerciseId', message: 'An exercise made for one client cannot go into a template.' },
    ]);
    await saveProgram(app, owner, client.id, { items: [itemBody(own.id)] });
    const fromProgram = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/clients/${client.id}/program/template`,
      payload: { name: 'X', shared: false },
    });
    expect(fromProgram.statusCode).toBe(422);
    expect(fromProgram.json().error.code).toBe('content_not_transferable');
  });

  it("answers 404 not_found for another practice's template on every route", async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const other = await signUp(app);
    const theirs = await createTemplate(other, { shared: true });
    const requests = [
      { method: 'GET', url: `/api/v1/program-templates/${theirs.id}` },
      { method: 'PATCH', url: `/api/v1/program-templates/${theirs.id}`, payload: { name: 'Taken' } },
      { method: 'DELETE', url: `/api/v1/program-templates/${theirs.id}` },
      {
        method: 'POST',
        url: `/api/v1/clients/${client.id}/program/from-template`,
        payload: { templateId: theirs.id },
      },
    ] as const;
    for (const request of requests) {
      const response = await as(app, owner, { ...request });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect(await listed(owner)).toEqual([]);
    expect((await as(app, other, { url: `/api/v1/program-templates/${theirs.id}` })).json().name).toBe(
      'Knee, first week',
    );
  });

  it('refuses the front desk every program and template route with 403 forbidden', async () => {
    const owner = await signUp(app);
    const desk = await addMember(app, smtp, owner, 'front_desk');
    const client = await createClient(app, owner);
    await saveProgram(app, owner, client.id);
    const other = await createClient(app, owner, { firstName: 'Bo' });
    const template = await createTemplate(owner, { shared: true });
    const requests = [
      {
        method: 'PUT',
        url: `/api/v1/clients/${client.id}/program`,
        payload: { items: [itemBody(LIBRARY.quadSet)] },
      },
      { method: 'GET', url: `/api/v1/clients/${client.id}/program` },
      { method: 'GET', url: `/api/v1/clients/${client.id}/program/versions` },
      { method: 'GET', url: `/api/v1/clients/${client.id}/program/versions/1` },
      { method: 'POST', url: `/api/v1/clients/${client.id}/access-code` },
      { method: 'POST', url: `/api/v1/clients/${client.id}/program/copy`, payload: { toClientId: other.id } },
      {
        method: 'POST',
        url: `/api/v1/clients/${client.id}/program/template`,
        payload: { name: 'X', shared: false },
      },
      {
        method: 'POST',
        url: `/api/v1/clients/${client.id}/program/from-template`,
        payload: { templateId: template.id },
      },
      { method: 'GET', url: `/api/v1/clients/${client.id}/program/handout.pdf` },
      { method: 'GET', url: '/api/v1/program-templates' },
      { method: 'POST', url: '/api/v1/program-templates', payload: templateBody() },
      { method: 'GET', url: `/api/v1/program-templates/${template.id}` },
      { method: 'PATCH', url: `/api/v1/program-templates/${template.id}`, payload: { name: 'Y' } },
      { method: 'DELETE', url: `/api/v1/program-templates/${template.id}` },
    ] as const;
    for (const request of requests) {
      const response = await as(app, desk, { ...request });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
  });
});
