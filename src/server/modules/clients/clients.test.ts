import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { clientBody, createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { auditOf } from '../practices/team.testkit.js';

describe(`clients (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (account: TestAccount, url: string) => as(app, account, { method: 'GET', url });
  const names = (response: { json(): { items: { firstName: string; lastName: string }[] } }) =>
    response.json().items.map((c) => `${c.firstName} ${c.lastName}`);

  it('adds a client with every field and answers them in their canonical form', async () => {
    const owner = await signUp(app, { country: 'GB' });
    const response = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/clients',
      payload: clientBody({
        email: 'Ada.L@example.org',
        mobile: '07400 123456',
        diagnosisCode: 'm545',
        nationalId: '9434765919',
        language: 'de',
      }),
    });
    expect(response.statusCode, response.body).toBe(201);
    const client = response.json();
    expect(client).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lindqvist',
      gender: 'female',
      yearOfBirth: 1984,
      email: 'Ada.L@example.org',
      mobile: '+447400123456',
      diagnosisCode: 'M54.5',
      nationalId: '943 476 5919',
      nationalIdKind: 'nhs_number',
      language: 'de',
      archivedAt: null,
    });
    const read = await get(owner, `/api/v1/clients/${client.id}`);
    expect(read.json()).toEqual(client);
    const audit = await auditOf(app, owner.practiceId);
    expect(audit.filter((e) => e.subject_id === client.id).map((e) => e.action)).toEqual([
      'client.create',
      'client.read',
    ]);
  });

  it('names every bad field at once in a 400 validation_failed', async () => {
    const owner = await signUp(app, { country: 'GB' });
    const response = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/clients',
      payload: clientBody({
        yearOfBirth: 1899,
        mobile: '12345',
        diagnosisCode: 'back pain',
        nationalId: '943 476 5918',
      }),
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'diagnosisCode',
      'mobile',
      'nationalId',
      'yearOfBirth',
    ]);
    expect(error.details).toContainEqual({
      field: 'yearOfBirth',
      message: `Enter a year of birth from 1900 to ${new Date().getUTCFullYear()}.`,
    });
  });

  it('refuses a missing name, an unknown gender and a malformed email by field', async () => {
    const owner = await signUp(app);
    const response = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/clients',
      payload: { firstName: ' ', gender: 'unknown', yearOfBirth: 1984.5, email: 'not-an-address' },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'gender', 'yearOfBirth', 'email']),
    );
  });

  it('refuses a year of birth in the future', async () => {
    const owner = await signUp(app);
    const year = new Date().getUTCFullYear() + 1;
    const response = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/clients',
      payload: clientBody({ yearOfBirth: year }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('yearOfBirth');
  });

  it('takes personnummer and samordningsnummer in a Swedish practice, and Swedish national mobile numbers', async () => {
    const owner = await signUp(app, { country: 'SE' });
    const person = await createClient(app, owner, { nationalId: '811218-9876', mobile: '070-123 45 67' });
    expect(person).toMatchObject({
      nationalId: '19811218-9876',
      nationalIdKind: 'personnummer',
      mobile: '+46701234567',
    });
    const coordination = await createClient(app, owner, { nationalId: '701063-2391' });
    expect(coordination).toMatchObject({ nationalIdKind: 'samordningsnummer' });
    const nhs = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/clients',
      payload: clientBody({ nationalId: '943 476 5919' }),
    });
    expect(nhs.statusCode).toBe(400);
  });

  it('refuses a national identifier where the practice country uses none of ours', async () => {
    const owner = await signUp(app, { country: 'DE' });
    const response = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/clients',
      payload: clientBody({ nationalId: '943 476 5919' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      {
        field: 'nationalId',
        message: 'A national identifier is not used for practices in Germany; leave this field empty.',
      },
    ]);
  });

  it('changes fields, clears optional ones with null and audits the change', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { email: 'old@example.org', nationalId: '943 476 5919' });
    const response = await as(app, owner, {
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      payload: { lastName: 'Berg', email: null, nationalId: null, diagnosisCode: 'S83.2' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      firstName: 'Ada',
      lastName: 'Berg',
      email: null,
      nationalId: null,
      nationalIdKind: null,
      diagnosisCode: 'S83.2',
    });
    const invalid = await as(app, owner, {
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      payload: { mobile: 'call me' },
    });
    expect(invalid.statusCode).toBe(400);
    const actions = (await auditOf(app, owner.practiceId)).map((e) => e.action);
    // One change, recorded with the names of the fields that changed (never their values).
    expect(actions.filter((a) => a.startsWith('client.update'))).toEqual([
      'client.update:lastName,email,diagnosisCode,nationalId',
    ]);
  });

  it('archives and restores a client; lists show active clients unless asked otherwise', async () => {
    const owner = await signUp(app);
    const kept = await createClient(app, owner, { firstName: 'Kept' });
    const archived = await createClient(app, owner, { firstName: 'Gone' });
    const archive = await as(app, owner, { method: 'POST', url: `/api/v1/clients/${archived.id}/archive` });
    expect(archive.statusCode).toBe(200);
    expect(archive.json().archivedAt).not.toBeNull();
    expect(names(await get(owner, '/api/v1/clients'))).toEqual(['Kept Lindqvist']);
    expect(names(await get(owner, '/api/v1/clients?status=archived'))).toEqual(['Gone Lindqvist']);
    expect((await get(owner, '/api/v1/clients?status=all')).json().total).toBe(2);
    const restore = await as(app, owner, { method: 'POST', url: `/api/v1/clients/${archived.id}/restore` });
    expect(restore.json().archivedAt).toBeNull();
    expect((await get(owner, '/api/v1/clients')).json().total).toBe(2);
    const actions = (await auditOf(app, owner.practiceId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['client.archive', 'client.restore']));
    expect(kept.id).not.toBe(archived.id);
  });

  it('searches names ignoring case and accents, in either order, by parts of words', async () => {
    const owner = await signUp(app);
    for (const [firstName, lastName] of [
      ['Åsa', 'Ångström'],
      ['Jürgen', 'Müller'],
      ['Anna', 'Svensson'],
      ['Zoë', 'Straße'],
      ['Per', 'Percent%'],
    ])
      await createClient(app, owner, { firstName, lastName });
    const search = async (q: string) => names(await get(owner, `/api/v1/clients?q=${encodeURIComponent(q)}`));
    expect(await search('asa')).toEqual(['Åsa Ångström']);
    expect(await search('ÅNGSTRÖM')).toEqual(['Åsa Ångström']);
    expect(await search('muller')).toEqual(['Jürgen Müller']);
    expect(await search('Müll')).toEqual(['Jürgen Müller']);
    expect(await search('svensson anna')).toEqual(['Anna Svensson']);
    expect(await search('zoe strasse')).toEqual(['Zoë Straße']);
    expect(await search('%')).toEqual(['Per Percent%']);
    expect(await search('nobody')).toEqual([]);
  });

  it('pages the list by last name and reports the total', async () => {
    const owner = await signUp(app);
    for (const lastName of ['Cedar', 'Alder', 'Birch']) await createClient(app, owner, { lastName });
    const page = (await get(owner, '/api/v1/clients?limit=2&offset=1')).json();
    expect(page.total).toBe(3);
    expect(page.items.map((c: { lastName: string }) => c.lastName)).toEqual(['Birch', 'Cedar']);
    expect(page.items[0]).not.toHaveProperty('email');
  });

  it('finds a client by exact email, mobile or national identifier in any accepted spelling', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner, {
      email: 'Finn@Example.org',
      mobile: '+44 7400 654321',
      nationalId: '401 023 2137',
    });
    await createClient(app, owner, { firstName: 'Other', email: 'other@example.org' });
    const ids = async (query: string) =>
      (await get(owner, `/api/v1/clients?${query}`)).json().items.map((c: { id: string }) => c.id);
    expect(await ids('email=finn%40example.org')).toEqual([client.id]);
    expect(await ids(`mobile=${encodeURIComponent('07400 654321')}`)).toEqual([client.id]);
    expect(await ids('nationalId=4010232137')).toEqual([client.id]);
    expect(await ids('email=finn%40example.com')).toEqual([]);
    const invalid = await get(owner, '/api/v1/clients?nationalId=123');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details[0].field).toBe('nationalId');
  });

  it('does not find a client of another practice by the same email', async () => {
    const first = await signUp(app);
    const second = await signUp(app);
    await createClient(app, first, { email: 'shared@example.org' });
    const found = await get(second, '/api/v1/clients?email=shared%40example.org');
    expect(found.json()).toEqual({ items: [], total: 0 });
  });

  it('audits a search as one read with the number of clients shown, without names', async () => {
    const owner = await signUp(app);
    await createClient(app, owner, { firstName: 'Ingrid' });
    await createClient(app, owner, { firstName: 'Ingmar' });
    await get(owner, '/api/v1/clients?q=ing');
    const searches = (await auditOf(app, owner.practiceId)).filter((e) => e.action === 'client.search');
    expect(searches).toEqual([
      {
        action: 'client.search',
        subject_type: 'client_count',
        subject_id: '2',
        actor_id: owner.practitionerId,
      },
    ]);
  });

  it('offers common musculoskeletal ICD-10 codes in English and German', async () => {
    const owner = await signUp(app);
    const en = await get(owner, '/api/v1/diagnosis-codes?q=M54.5');
    expect(en.json()).toEqual({ items: [{ code: 'M54.5', title: 'Low back pain' }] });
    const de = await get(owner, '/api/v1/diagnosis-codes?q=schulter&lang=de');
    expect(de.json().items.map((c: { code: string }) => c.code)).toContain('M75.4');
    expect((await get(owner, '/api/v1/diagnosis-codes')).json().items).toHaveLength(20);
  });
});
