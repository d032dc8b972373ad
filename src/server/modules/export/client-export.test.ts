import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { memberOf } from '../exercises/exercises.testkit.js';
import { clientSends, conversationOf, practiceSends, sent } from '../messages/messages.testkit.js';
import { enter, phq9 } from '../outcomes/outcomes.testkit.js';
import { logEntries } from '../patient/patient.testkit.js';
import { auditOf } from '../practices/team.testkit.js';
import { questionnaireUrl } from './export.fhir.js';
import { clientExportSchema } from './export.schema.js';
import { fhirErrors } from './fhir.testkit.js';

// A client with something of everything: two program versions, a logged exercise with a comment,
// messages both ways, and a PHQ-9 taken in clinic.
async function clientWithHistory(app: FastifyInstance, owner: TestAccount) {
  const conversation = await conversationOf(app, owner, {
    email: 'ada.export@example.org',
    diagnosisCode: 'M54.5',
    nationalId: '943 476 5919',
  });
  const clientId = conversation.client.id;
  const itemId = conversation.programItemId;
  await saveProgram(app, owner, clientId, {
    items: [
      itemBody(LIBRARY.quadSet, { id: itemId, notes: 'Keep the knee straight — note marker' }),
      itemBody(LIBRARY.legRaise),
    ],
    educationIds: [LIBRARY.persistentPain],
    outcomeMeasures: ['PHQ-9'],
  });
  const today = new Date().toISOString().slice(0, 10);
  const logged = await logEntries(app, conversation.token, [
    {
      programItemId: itemId,
      date: today,
      setsDone: 3,
      repsDone: 10,
      holdSeconds: 5,
      painLevel: 4,
      comment: 'Twinge on the last set',
    },
  ]);
  expect(logged.statusCode, logged.body).toBe(201);
  await sent(practiceSends(app, owner, clientId, 'How did the first week go?'));
  await sent(clientSends(app, conversation.token, 'Better than expected'));
  const correction = await app.inject({
    method: 'POST',
    url: '/api/v1/patient/correction-requests',
    headers: { authorization: `Bearer ${conversation.token}` },
    payload: { field: 'email', message: 'My address changed' },
  });
  expect(correction.statusCode, correction.body).toBe(201);
  const taken = await enter(app, owner, clientId, { measure: 'PHQ-9', answers: phq9(0, 1) });
  expect(taken.statusCode, taken.body).toBe(201);
  return { clientId, itemId, token: conversation.token, accessCode: conversation.accessCode };
}

const exportOf = (app: FastifyInstance, account: TestAccount, clientId: string, format: 'json' | 'fhir') =>
  as(app, account, { method: 'GET', url: `/api/v1/clients/${clientId}/export?format=${format}` });

describe('client export', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('answers the JSON export as a download holding each part of the record, decrypted', async () => {
    const owner = await signUp(app);
    const { clientId, itemId, accessCode } = await clientWithHistory(app, owner);

    const response = await exportOf(app, owner, clientId, 'json');

    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="client-${clientId}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    const data = clientExportSchema.parse(response.json());
    expect(data).toMatchObject({ format: 'rehabit-client-export', version: 1 });
    expect(data.client).toMatchObject({
      id: clientId,
      email: 'ada.export@example.org',
      diagnosisCode: 'M54.5',
      nationalId: '943 476 5919',
      nationalIdKind: 'nhs_number',
    });
    expect(data.program?.versions.map((version) => version.version)).toEqual([1, 2]);
    const latest = data.program?.versions[1];
    expect(latest?.items[0]).toMatchObject({
      id: itemId,
      notes: 'Keep the knee straight — note marker',
      sets: 3,
    });
    expect(latest?.education).toEqual([{ id: LIBRARY.persistentPain, title: expect.any(String) }]);
    expect(data.adherence).toEqual([
      expect.objectContaining({
        programItemId: itemId,
        setsDone: 3,
        painLevel: 4,
        comment: 'Twinge on the last set',
      }),
    ]);
    expect(data.messages.map((message) => [message.kind, message.author, message.body])).toEqual(
      expect.arrayContaining([
        ['text', 'practitioner', 'How did the first week go?'],
        ['text', 'client', 'Better than expected'],
        ['exercise_feedback', 'client', expect.stringContaining('Twinge on the last set')],
        ['correction_request', 'client', 'My address changed'],
      ]),
    );
    expect(data.messages.find((message) => message.kind === 'correction_request')?.correction).toEqual({
      field: 'email',
    });
    expect(data.outcomes.responses).toEqual([
      expect.objectContaining({ measureCode: 'PHQ-9', source: 'clinic', answers: phq9(0, 1) }),
    ]);
    expect(data.outcomes.responses[0]?.score.total).toBe(8);
    expect(data.accessCode).toEqual({ issuedAt: expect.any(String), rotatedAt: null });
    expect(data.appSessions.length).toBeGreaterThan(0);
    expect(data.accessLog.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['client.create', 'client.export']),
    );
    // The access code is a live credential: the practitioner's export never hands it out.
    expect(response.body).not.toContain(accessCode);
  });

  it('answers a FHIR R4 Bundle whose every entry the validator accepts', async () => {
    const owner = await signUp(app);
    const { clientId } = await clientWithHistory(app, owner);

    const response = await exportOf(app, owner, clientId, 'fhir');

    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename=".+\.fhir\.json"$/);
    const bundle = response.json() as Bundle;
    expect(fhirErrors(bundle)).toEqual([]);
    const resources = (bundle.entry ?? []).map((entry) => entry.resource as Resource);
    for (const resource of resources) expect(fhirErrors(resource), resource.resourceType).toEqual([]);
    const counts: Record<string, number> = {};
    for (const resource of resources)
      counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
    // Observations: one logged exercise and one PHQ-9 score; messages: two texts and one feedback.
    expect(counts).toMatchObject({
      Patient: 1,
      Condition: 1,
      CarePlan: 2,
      Observation: 2,
      QuestionnaireResponse: 1,
      Communication: 4,
      Organization: 1,
    });
    const plan = resources.find(
      (resource) => resource.resourceType === 'CarePlan' && resource.status === 'active',
    );
    expect(plan?.resourceType === 'CarePlan' && plan.activity?.length).toBe(4);
    const response9 = resources.find((resource) => resource.resourceType === 'QuestionnaireResponse');
    expect(response9).toMatchObject({
      questionnaire: questionnaireUrl({ measureCode: 'PHQ-9', customMeasureId: null }),
      item: expect.arrayContaining([
        { linkId: 'phq9_9', text: expect.any(String), answer: [{ valueInteger: 0 }] },
      ]),
    });
    const patient = resources.find((resource) => resource.resourceType === 'Patient');
    expect(patient).toMatchObject({
      birthDate: '1984',
      identifier: expect.arrayContaining([
        { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' },
      ]),
    });
  });

  it('has a validator that refuses what R4 refuses (so a pass above means something)', () => {
    // No status (required), a status outside its required value set, and an element R4 does not have.
    expect(fhirErrors({ resourceType: 'Observation', code: { text: 'x' } } as Resource)).not.toEqual([]);
    expect(
      fhirErrors({
        resourceType: 'CarePlan',
        status: 'paused',
        intent: 'plan',
        subject: {},
      } as unknown as Resource),
    ).not.toEqual([]);
    expect(fhirErrors({ resourceType: 'Patient', shoeSize: 42 } as unknown as Resource)).not.toEqual([]);
  });

  it('records the export in the audit trail, naming the client', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);

    expect((await exportOf(app, owner, client.id, 'fhir')).statusCode).toBe(200);

    const trail = await auditOf(app, owner.practiceId);
    expect(trail).toContainEqual(
      expect.objectContaining({ action: 'client.export', subject_type: 'client', subject_id: client.id }),
    );
  });

  it('answers 404 for a client of another practice, and records no export', async () => {
    const owner = await signUp(app);
    const stranger = await signUp(app);
    const client = await createClient(app, owner);

    const response = await exportOf(app, stranger, client.id, 'json');

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    const trail = await auditOf(app, stranger.practiceId);
    expect(trail.map((entry) => entry.action)).not.toContain('client.export');
  });

  it('refuses the front desk with 403', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const frontDesk = await memberOf(app, owner, 'front_desk');

    const response = await exportOf(app, frontDesk, client.id, 'json');

    expect(response.statusCode).toBe(403);
  });

  it('lists both exports in the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });

    expect(response.statusCode).toBe(200);
    const paths = response.json().paths;
    expect(paths['/api/v1/clients/{id}/export']?.get).toBeDefined();
    expect(paths['/api/v1/practice/export']?.get).toBeDefined();
  });

  it('refuses an unknown format with 400', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);

    const response = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/export?format=xml`,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });
});
