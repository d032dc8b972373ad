import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountTokens,
  jobs,
  mailOutbox,
  patientSessions,
  patientSignInFailures,
  practitionerSessions,
  signInFailures,
  smsOutbox,
  webauthnChallenges,
} from '../../db/schema/index.js';
import { queryRows } from '../../db/transactions.js';
import { sealedChainAt } from '../../platform/audit/audit.testkit.js';
import { sealPendingAuditEvents } from '../../platform/audit/sealer.js';
import { verifyAuditChains } from '../../platform/audit/verify.js';
import { signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { FakeClock } from '../../testing/clock.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { erasureDeps } from '../erasure/erasure.module.js';
import { dataKeysOf, ledgerRowsOf, rowsAboutClient } from '../erasure/erasure.testkit.js';
import { practiceSends, sent } from '../messages/messages.testkit.js';
import { RETENTION_JOB } from './retention.module.js';
import { DEFAULT_RETENTION, monthsBefore, type RetentionPolicy, yearsBefore } from './retention.policy.js';
import { createRetentionService, type RetentionReport } from './retention.service.js';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const hash = () => createHash('sha256').update(randomUUID()).digest('hex');

describe('retention', () => {
  // The real current time: rows are placed around limits counted back from it.
  const clock = new FakeClock(new Date());
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());

  const retention = (policy: RetentionPolicy = DEFAULT_RETENTION) =>
    createRetentionService({
      transactor: app.platform.transactor,
      audit: app.platform.audit,
      clock,
      policy,
      erasure: erasureDeps(app.platform),
    });

  const category = (report: RetentionReport, name: string) => {
    const found = report.categories.find((entry) => entry.category === name);
    if (!found) throw new Error(`no ${name} in the report`);
    return found;
  };

  /** Which of the ids are still in the table. */
  const remaining = (table: string, column: string, ids: string[]) =>
    app.platform.transactor
      .asSystem((tx) =>
        queryRows<{ id: string }>(
          tx,
          sql`select ${sql.identifier(column)}::text as id from ${sql.identifier(table)}
              where ${sql.identifier(column)}::text in (${sql.join(
                ids.map((id) => sql`${id}`),
                sql`, `,
              )})`,
        ),
      )
      .then((rows) => rows.map((row) => row.id).sort());

  /**
   * One practice with, in every practice-bound table, a row that expired just before the cutoff (`old`)
   * and one just after it (`young`), plus rows that are old but still live (a queued mail).
   */
  async function technicalRows(owner: TestAccount) {
    const now = clock.now();
    const signInCutoff = monthsBefore(now, 12).getTime();
    const old = new Date(signInCutoff - MINUTE);
    const young = new Date(signInCutoff + MINUTE);
    const far = new Date(now.getTime() + 30 * DAY);
    const client = await createClient(app, owner);
    const ids = {
      failures: [randomUUID(), randomUUID()],
      patientFailures: [randomUUID(), randomUUID()],
      sessions: [randomUUID(), randomUUID(), randomUUID()],
      patientSessions: [randomUUID(), randomUUID()],
      tokens: [randomUUID(), randomUUID(), randomUUID()],
      mail: [randomUUID(), randomUUID(), randomUUID(), randomUUID()],
      sms: [randomUUID(), randomUUID()],
    };
    const practiceId = owner.practiceId;
    const practitionerId = owner.practitionerId;
    await app.platform.transactor.asSystem(async (tx) => {
      await tx.insert(signInFailures).values(
        [old, young].map((at, index) => ({
          id: ids.failures[index] as string,
          practiceId,
          practitionerId,
          emailKey: hash(),
          ip: '192.0.2.1',
          at,
        })),
      );
      await tx.insert(patientSignInFailures).values(
        [old, young].map((at, index) => ({
          id: ids.patientFailures[index] as string,
          kind: 'year_of_birth' as const,
          accessCodeIndex: hash(),
          practiceId,
          clientId: client.id,
          at,
        })),
      );
      const session = (id: string, expiresAt: Date, endedAt: Date | null) => ({
        id,
        practiceId,
        practitionerId,
        tokenHash: hash(),
        createdAt: new Date(expiresAt.getTime() - DAY),
        lastSeenAt: new Date(expiresAt.getTime() - DAY),
        expiresAt,
        endedAt,
      });
      await tx.insert(practitionerSessions).values([
        session(ids.sessions[0] as string, old, null), // expired before the cutoff
        session(ids.sessions[1] as string, far, old), // signed out before the cutoff
        session(ids.sessions[2] as string, young, null), // expired just after it
      ]);
      await tx.insert(patientSessions).values(
        [old, young].map((expiresAt, index) => ({
          id: ids.patientSessions[index] as string,
          practiceId,
          clientId: client.id,
          tokenHash: hash(),
          accessCodeIndex: hash(),
          createdAt: new Date(expiresAt.getTime() - DAY),
          lastSeenAt: new Date(expiresAt.getTime() - DAY),
          expiresAt,
        })),
      );
      const token = (id: string, expiresAt: Date, usedAt: Date | null) => ({
        id,
        practiceId,
        practitionerId,
        purpose: 'reset_password' as const,
        tokenHash: hash(),
        createdAt: new Date(expiresAt.getTime() - DAY),
        expiresAt,
        usedAt,
      });
      await tx
        .insert(accountTokens)
        .values([
          token(ids.tokens[0] as string, old, null),
          token(ids.tokens[1] as string, far, old),
          token(ids.tokens[2] as string, young, null),
        ]);
      const mail = (
        id: string,
        status: 'queued' | 'sent' | 'failed',
        createdAt: Date,
        sentAt: Date | null,
      ) => ({
        id,
        practiceId,
        recipient: 'someone@example.org',
        template: 'verify_email',
        language: 'en',
        status,
        createdAt,
        sentAt,
      });
      await tx.insert(mailOutbox).values([
        mail(ids.mail[0] as string, 'sent', new Date(old.getTime() - DAY), old),
        mail(ids.mail[1] as string, 'failed', old, null),
        mail(ids.mail[2] as string, 'sent', new Date(old.getTime() - DAY), young),
        mail(ids.mail[3] as string, 'queued', old, null), // still waiting: never deleted
      ]);
      await tx.insert(smsOutbox).values(
        [old, young].map((sentAt, index) => ({
          id: ids.sms[index] as string,
          practiceId,
          clientId: client.id,
          template: 'access_code',
          language: 'en',
          status: 'sent' as const,
          createdAt: sentAt,
          sentAt,
        })),
      );
    });
    return ids;
  }

  it('deletes failed sign-ins and technical rows just past 12 months and keeps those just inside', async () => {
    const owner = await signUp(app);
    const ids = await technicalRows(owner);

    const report = await retention().run({ practiceId: owner.practiceId });

    expect(category(report, 'sign_in_failures')).toMatchObject({
      limit: '12 months',
      removed: 2,
      detail: { sign_in_failures: 1, patient_sign_in_failures: 1 },
    });
    expect(category(report, 'technical')).toMatchObject({
      limit: '12 months',
      removed: 8,
      detail: {
        practitioner_sessions: 2,
        patient_sessions: 1,
        account_tokens: 2,
        mail_outbox: 2,
        sms_outbox: 1,
      },
    });
    expect(await remaining('sign_in_failures', 'id', ids.failures)).toEqual([ids.failures[1]]);
    expect(await remaining('patient_sign_in_failures', 'id', ids.patientFailures)).toEqual([
      ids.patientFailures[1],
    ]);
    expect(await remaining('practitioner_sessions', 'id', ids.sessions)).toEqual([ids.sessions[2]]);
    expect(await remaining('patient_sessions', 'id', ids.patientSessions)).toEqual([ids.patientSessions[1]]);
    expect(await remaining('account_tokens', 'id', ids.tokens)).toEqual([ids.tokens[2]]);
    expect(await remaining('mail_outbox', 'id', ids.mail)).toEqual([ids.mail[2], ids.mail[3]].sort());
    expect(await remaining('sms_outbox', 'id', ids.sms)).toEqual([ids.sms[1]]);
  });

  it('reports billing as empty, with counts and no content', async () => {
    const owner = await signUp(app);
    const report = await retention().run({ practiceId: owner.practiceId });
    expect(category(report, 'audit')).toEqual({
      category: 'audit',
      limit: '6 years',
      expired: 0,
      removed: 0,
      detail: { audit_events: 0 },
    });
    expect(category(report, 'billing')).toEqual({
      category: 'billing',
      limit: '7 years',
      expired: 0,
      removed: 0,
      detail: {},
      kept: 'no billing records are stored yet',
    });
  });

  it('prunes audit entries past 6 years from the start of their chain, after a dry run that only counts', async () => {
    const cutoff = yearsBefore(clock.now(), 6).getTime();
    // The last one is past its time too, but follows a younger entry: it waits for it.
    const practiceId = await sealedChainAt(app.platform.transactor, [
      new Date(cutoff - DAY),
      new Date(cutoff - 1000),
      new Date(cutoff),
      new Date(cutoff - 1000),
    ]);
    const left = () =>
      app.platform.transactor
        .asSystem((tx) =>
          queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from audit_events where practice_id = ${practiceId}`,
          ),
        )
        .then((rows) => rows[0]?.n);
    const kept = '1 older entry waits: not sealed yet, or after a younger one in their chain';

    const dry = await retention().run({ practiceId, dryRun: true });
    expect(category(dry, 'audit')).toMatchObject({
      expired: 2,
      removed: 0,
      detail: { audit_events: 2 },
      kept,
    });
    expect(await left()).toBe(4);

    const report = await retention().run({ practiceId });
    expect(category(report, 'audit')).toMatchObject({
      expired: 2,
      removed: 2,
      detail: { audit_events: 2 },
      kept,
    });
    // The run's own audit entry joins the chain after the anchor.
    expect(await left()).toBe(3);
    await sealPendingAuditEvents(app.platform.transactor, new FakeClock(new Date()));
    const verification = await verifyAuditChains(app.platform.transactor);
    expect(verification.broken.find((link) => link.practiceId === practiceId)).toBeUndefined();
  });

  it('sweeps rows of no practice (jobs, challenges, unknown sign-ins) at their limit', async () => {
    // A run over the whole database, so its limits are 30 years: no other test's rows are that old.
    const policy: RetentionPolicy = {
      ...DEFAULT_RETENTION,
      signInFailuresMonths: 360,
      technicalMonths: 360,
      // Other files' audit tests keep entries 6 years old in the shared database until they checked them.
      auditYears: 100,
      health: { defaultYears: 100, byCountry: {} },
    };
    const cutoff = monthsBefore(clock.now(), 360).getTime();
    const old = new Date(cutoff - MINUTE);
    const young = new Date(cutoff + MINUTE);
    const jobIds = [randomUUID(), randomUUID(), randomUUID()];
    const challenges = [hash(), hash()];
    const failures = [randomUUID(), randomUUID()];
    await app.platform.transactor.asSystem(async (tx) => {
      await tx.insert(jobs).values([
        { id: jobIds[0] as string, kind: 'test.retention', status: 'done', runAt: old, finishedAt: old },
        {
          id: jobIds[1] as string,
          kind: 'test.retention',
          status: 'failed',
          runAt: young,
          finishedAt: young,
        },
        // Queued for decades (a kind no node handles): not finished, so not technical history.
        { id: jobIds[2] as string, kind: 'test.retention', status: 'queued', runAt: old },
      ]);
      await tx.insert(webauthnChallenges).values(
        [old, young].map((expiresAt, index) => ({
          challenge: challenges[index] as string,
          purpose: 'authenticate' as const,
          expiresAt,
        })),
      );
      await tx
        .insert(signInFailures)
        .values([old, young].map((at, index) => ({ id: failures[index] as string, emailKey: hash(), at })));
    });

    const dry = await retention(policy).run({ dryRun: true });
    expect(category(dry, 'technical').detail.jobs).toBeGreaterThanOrEqual(1);
    expect(await remaining('jobs', 'id', jobIds)).toEqual([...jobIds].sort());

    await retention(policy).run();
    expect(await remaining('jobs', 'id', jobIds)).toEqual([jobIds[1], jobIds[2]].sort());
    expect(await remaining('webauthn_challenges', 'challenge', challenges)).toEqual([challenges[1]]);
    expect(await remaining('sign_in_failures', 'id', failures)).toEqual([failures[1]]);
    await app.platform.transactor.asSystem((tx) =>
      tx.execute(sql`delete from jobs where kind = 'test.retention' and id in (${jobIds[1]}, ${jobIds[2]})`),
    );
  });

  it('a dry run counts what would go and changes nothing', async () => {
    const owner = await signUp(app);
    const ids = await technicalRows(owner);
    const before = await remaining('sign_in_failures', 'id', ids.failures);

    const report = await retention().run({ practiceId: owner.practiceId, dryRun: true });

    expect(report.dryRun).toBe(true);
    expect(category(report, 'sign_in_failures')).toMatchObject({ expired: 2, removed: 0 });
    expect(category(report, 'technical')).toMatchObject({ expired: 8, removed: 0 });
    expect(await remaining('sign_in_failures', 'id', ids.failures)).toEqual(before);
    expect(await remaining('practitioner_sessions', 'id', ids.sessions)).toHaveLength(3);
    expect(await remaining('mail_outbox', 'id', ids.mail)).toHaveLength(4);
    const runs = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where practice_id = ${owner.practiceId} and action = 'retention.run'`,
      ),
    );
    expect(runs[0]?.n).toBe(0);
  });

  /** Moves the client's record, and any program of theirs unless told otherwise, back to `at`. */
  const lastActive = (clientId: string, at: Date, { program = true } = {}) =>
    app.platform.transactor.asSystem(async (tx) => {
      await tx.execute(sql`update clients set created_at = ${at}, updated_at = ${at} where id = ${clientId}`);
      if (!program) return;
      await tx.execute(
        sql`update programs set created_at = ${at}, updated_at = ${at} where client_id = ${clientId}`,
      );
      await tx.execute(
        sql`update program_versions set created_at = ${at}
            where program_id in (select id from programs where client_id = ${clientId})`,
      );
    });

  it("erases a client inactive past the country's limit and keeps one just inside it or recently active", async () => {
    const owner = await signUp(app, { country: 'DE' });
    const now = clock.now();
    const tenYears = yearsBefore(now, 10).getTime();
    const client = (name: string) =>
      createClient(app, owner, { lastName: name, email: `${name.toLowerCase()}.${Date.now()}@example.org` });
    const gone = await client('Past');
    await saveProgram(app, owner, gone.id, { items: [itemBody(LIBRARY.quadSet)] });
    await lastActive(gone.id, new Date(tenYears - DAY));
    const inside = await client('Inside');
    await lastActive(inside.id, new Date(tenYears + DAY));
    const wrote = await client('Wrote');
    await sent(practiceSends(app, owner, wrote.id, 'How is the knee?'));
    await lastActive(wrote.id, new Date(tenYears - DAY));
    const programmed = await client('Programmed');
    await saveProgram(app, owner, programmed.id, { items: [itemBody(LIBRARY.quadSet)] });
    await lastActive(programmed.id, new Date(tenYears - DAY), { program: false });

    const dry = await retention().run({ practiceId: owner.practiceId, dryRun: true });
    expect(category(dry, 'health')).toMatchObject({ expired: 1, removed: 0, detail: { DE: 1 } });
    expect((await rowsAboutClient(app, gone.id))['clients.id']).toBe(1);

    const report = await retention().run({ practiceId: owner.practiceId });

    expect(category(report, 'health')).toMatchObject({ expired: 1, removed: 1, detail: { DE: 1 } });
    const after = await rowsAboutClient(app, gone.id);
    expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    const keys = await dataKeysOf(app, gone.id);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.status).toBe('destroyed');
    expect(await ledgerRowsOf(app, gone.id)).toEqual([
      expect.objectContaining({
        kind: 'client',
        practice_id: owner.practiceId,
        actor_type: 'system',
        actor_id: null,
      }),
    ]);
    const audited = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ action: string; actor_type: string }>(
        tx,
        sql`select action, actor_type from audit_events where subject_id = ${gone.id} and action like 'client.erase%'`,
      ),
    );
    expect(audited).toEqual([{ action: 'client.erase_retention', actor_type: 'system' }]);
    for (const kept of [inside, wrote, programmed])
      expect((await rowsAboutClient(app, kept.id))['clients.id'], kept.lastName).toBe(1);
  });

  it("applies GB's 8 years to adults and keeps a young client's record until they are past 26", async () => {
    const owner = await signUp(app, { country: 'GB' });
    const now = clock.now();
    const eightYears = yearsBefore(now, 8).getTime();
    const adult = await createClient(app, owner, { yearOfBirth: 1960 });
    await lastActive(adult.id, new Date(eightYears - DAY));
    const adultInside = await createClient(app, owner, { yearOfBirth: 1960 });
    await lastActive(adultInside.id, new Date(eightYears + DAY));
    const young = await createClient(app, owner, { yearOfBirth: now.getUTCFullYear() - 20 });
    await lastActive(young.id, new Date(eightYears - DAY));

    const report = await retention().run({ practiceId: owner.practiceId });

    expect(category(report, 'health')).toMatchObject({ removed: 1, detail: { GB: 1 } });
    expect((await rowsAboutClient(app, adult.id))['clients.id']).toBe(0);
    expect((await rowsAboutClient(app, adultInside.id))['clients.id']).toBe(1);
    expect((await rowsAboutClient(app, young.id))['clients.id']).toBe(1);
  });
});

describe('the daily retention job', () => {
  // Limits of a century: the job sweeps the whole database, and no other test's rows are that old.
  const env = {
    RETENTION_SIGN_IN_FAILURES_MONTHS: '1200',
    RETENTION_TECHNICAL_MONTHS: '1200',
    RETENTION_AUDIT_YEARS: '100',
    RETENTION_HEALTH_YEARS: '100',
    RETENTION_HEALTH_YEARS_DE: '100',
    RETENTION_HEALTH_YEARS_GB: '100',
    RETENTION_HEALTH_YEARS_SE: '100',
  };
  const logs = new LogCapture();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ env, logs, clock: new FakeClock(new Date()) });
  });
  afterAll(() => app.close());

  it('is registered, applies the configured policy and logs counts only', async () => {
    const cutoff = monthsBefore(new Date(), 1200).getTime();
    const ids = [randomUUID(), randomUUID()];
    const marker = `marker-${randomUUID()}`;
    await app.platform.transactor.asSystem((tx) =>
      tx.insert(signInFailures).values([
        { id: ids[0] as string, emailKey: marker, at: new Date(cutoff - MINUTE) },
        { id: ids[1] as string, emailKey: marker, at: new Date(cutoff + MINUTE) },
      ]),
    );
    await app.platform.transactor.asSystem((tx) => app.platform.jobs.enqueue(tx, RETENTION_JOB, {}));
    await app.platform.jobs.runDue();

    const left = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from sign_in_failures where id in (${ids[0] as string}, ${ids[1] as string})`,
      ),
    );
    expect(left.map((row) => row.id)).toEqual([ids[1]]);
    const line = logs.lines.map((text) => JSON.parse(text)).find((entry) => entry.msg === 'retention run');
    expect(line).toMatchObject({
      component: 'retention',
      dryRun: false,
      categories: { sign_in_failures: { removed: expect.any(Number) }, billing: { expired: 0, removed: 0 } },
    });
    expect(line.categories.sign_in_failures.removed).toBeGreaterThanOrEqual(1);
    expect(logs.text).not.toContain(marker);
  });
});
