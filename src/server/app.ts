import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:https';
import path from 'node:path';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { createTransactor, type Transactor } from './db/transactions.js';
import { registerAlerts } from './modules/alerts/alerts.module.js';
import { apiKeysRoutes } from './modules/api-keys/api-keys.routes.js';
import { createApiKeysService } from './modules/api-keys/api-keys.service.js';
import { createIdentity, registerIdentityRoutes } from './modules/auth/identity.js';
import { registerBackups } from './modules/backup/backup.job.js';
import { registerClientInvitations } from './modules/client-invitations/client-invitations.module.js';
import { registerClientRoutes } from './modules/clients/clients.module.js';
import { registerErasure } from './modules/erasure/erasure.module.js';
import { registerExerciseRoutes } from './modules/exercises/exercises.module.js';
import { registerExport } from './modules/export/export.module.js';
import { registerLibrary } from './modules/library/library.module.js';
import { createMessages, registerMessages } from './modules/messages/messages.module.js';
import { registerNotifications } from './modules/notifications/notifications.module.js';
import { registerOutcomes } from './modules/outcomes/outcomes.module.js';
import { registerPatientRoutes } from './modules/patient/patient.module.js';
import { registerPracticeRoutes } from './modules/practices/practices.module.js';
import { createPracticesService, type PracticesService } from './modules/practices/practices.service.js';
import { registerProgramRoutes } from './modules/programs/programs.module.js';
import { realtimeRoutes } from './modules/realtime/realtime.routes.js';
import { registerReminders } from './modules/reminders/reminders.module.js';
import { registerRetention } from './modules/retention/retention.module.js';
import { registerTransparency } from './modules/transparency/transparency.module.js';
import { type Audit, createAudit } from './platform/audit/audit.js';
import { startAuditSealer } from './platform/audit/sealer.js';
import { registerAuthContext, sessionCookie } from './platform/auth-context/auth-context.js';
import type { Clock } from './platform/clock.js';
import {
  createFieldCipher,
  createObjectKeys,
  createReencryptionJob,
  type FieldCipher,
  type Keyring,
  loadBlindIndexSecret,
  REENCRYPT_JOB,
  REENCRYPT_SCHEDULE,
} from './platform/crypto/index.js';
import { healthRoutes } from './platform/health/health.routes.js';
import { registerErrorHandler } from './platform/http/error-handler.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { DEFAULT_WEB_ROOT, registerWebApp } from './platform/http/web.js';
import { createJobRunner, type JobHandler, type JobRunner, type Schedule } from './platform/jobs/runner.js';
import type { Logger } from './platform/logger.js';
import { createMailDelivery, createMailer, MAIL_JOB, type Mailer } from './platform/mail/mailer.js';
import { createLogTransport, createSmtpTransport, type MailTransport } from './platform/mail/transport.js';
import { createPushSender, loadVapidKeys, type PushSender } from './platform/push/push-sender.js';
import { createRealtime, type Realtime } from './platform/realtime/realtime.js';
import {
  createSmsDelivery,
  createSmsProvider,
  createSmsSender,
  SMS_JOB,
  type SmsSender,
} from './platform/sms/sms-sender.js';
import { createLocalStorage } from './platform/storage/local-storage.js';
import type { ObjectStorage } from './platform/storage/storage.js';
import { VERSION } from './version.js';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  keyring: Keyring;
  log: Logger;
  clock: Clock;
  /** Where the built web app is; defaults to dist/web. */
  webRoot?: string;
  /** Background work (job runner, audit sealer); tests that drive it by hand turn it off. */
  background?: boolean;
  /** Route plugins registered after the platform's own: tests and benchmarks add probes here. */
  extraRoutes?: FastifyPluginAsync[];
  /** Extra job kinds and schedules (modules add theirs here as they land). */
  jobHandlers?: Record<string, JobHandler>;
  schedules?: Schedule[];
  /** Where mail goes; defaults to SMTP_URL, or the log when none is set. */
  mailTransport?: MailTransport;
  /** Tests only: an HTTPS agent that trusts their loopback push service. */
  pushAgent?: Agent;
  /** Tests only: how often open sockets check their session (default a minute). */
  realtimeRecheckMs?: number;
}

/** What modules are built from: the platform's services, passed in rather than fetched from globals. */
export interface Platform {
  config: Config;
  clock: Clock;
  log: Logger;
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  jobs: JobRunner;
  practices: PracticesService;
  mailer: Mailer;
  /** Text messages to clients, through SMS_PROVIDER (the log unless a gateway is configured). */
  sms: SmsSender;
  /** Web Push to patients' devices, signed with the deployment's VAPID key. */
  push: PushSender;
  /** Uploaded media, encrypted at rest (DATA_DIR/media; an S3-compatible store later). */
  storage: ObjectStorage;
  /** That something changed (ids only), heard by every app node: sockets pass it on. */
  realtime: Realtime;
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
}

/** Builds the HTTP application. Registration order: external plugins, then platform, then modules. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, clock, log } = deps;
  const transactor = createTransactor(database.db);
  const audit = createAudit({ clock });
  const cipher = createFieldCipher({
    keyring: deps.keyring,
    blindIndexSecret: await loadBlindIndexSecret(transactor, deps.keyring),
    clock,
  });
  const mailTransport =
    deps.mailTransport ??
    (config.smtpUrl
      ? createSmtpTransport(config.smtpUrl, config.mailFrom)
      : createLogTransport(log.child({ component: 'mail' })));
  const storage = createLocalStorage({
    root: path.join(config.dataDir, 'media'),
    keys: createObjectKeys({ transactor, cipher }),
  });
  const jobs = createJobRunner({
    transactor,
    clock,
    log: log.child({ component: 'jobs' }),
    handlers: {
      [MAIL_JOB]: createMailDelivery({ transactor, cipher, transport: mailTransport, clock }),
      [SMS_JOB]: createSmsDelivery({
        transactor,
        cipher,
        provider: createSmsProvider(config.sms, log.child({ component: 'sms' })),
        clock,
      }),
      [REENCRYPT_JOB]: createReencryptionJob({ transactor, cipher, clock, storage }),
      ...deps.jobHandlers,
    },
    schedules: [REENCRYPT_SCHEDULE, ...(deps.schedules ?? [])],
  });
  const practices = createPracticesService({ transactor, audit, region: config.region });
  const mailer = createMailer({ jobs, cipher, clock });
  const sms = createSmsSender({ jobs, cipher, clock });
  const push = createPushSender({
    keys: await loadVapidKeys(transactor, deps.keyring),
    subject: `mailto:${config.mailFrom}`,
    ...(deps.pushAgent ? { agent: deps.pushAgent } : {}),
  });
  const realtime = createRealtime({ database, log: log.child({ component: 'realtime' }) });
  const platform: Platform = {
    config,
    clock,
    log,
    transactor,
    audit,
    cipher,
    jobs,
    practices,
    mailer,
    sms,
    push,
    storage,
    realtime,
  };
  const identity = createIdentity(platform);
  const apiKeys = createApiKeysService({ transactor, audit, clock });

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('platform', platform);
  // On shutdown, sockets of requests still in flight end with their response; otherwise keep-alive
  // would hold the close open long after the last answer.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  // 1. External plugins.
  await registerSecurityHeaders(app, { publicUrl: config.publicUrl });
  // Per-route limits only (routes opt in); counted per node, a brake on floods rather than an exact quota.
  await app.register(rateLimit, { global: false });
  // Uploads are streamed by the routes that take them, which set their own limits (default: 1 MiB files).
  await app.register(multipart, { limits: { parts: 20 } });
  await registerOpenApi(app, { publicUrl: config.publicUrl, version: VERSION });

  // 2. Platform.
  registerErrorHandler(app);
  await registerAuthContext(app, {
    publicUrl: config.publicUrl,
    resolveSession: (token) => identity.sessions.resolve(token),
    resolveApiKey: (key) => apiKeys.resolve(key),
    csrfTokenFor: (token) => identity.sessions.csrfTokenFor(token),
  });
  await app.register(healthRoutes, { ping: database.ping });
  await registerWebApp(app, { webRoot: deps.webRoot ?? DEFAULT_WEB_ROOT });
  if (deps.background !== false) {
    let sealer: { stop(): Promise<void> } | undefined;
    app.addHook('onReady', async () => {
      await jobs.start();
      sealer = startAuditSealer({
        transactor,
        clock,
        log: log.child({ component: 'audit-sealer' }),
        intervalMs: 1000,
      });
    });
    app.addHook('onClose', async () => {
      await Promise.all([jobs.stop(), sealer?.stop()]);
    });
  }
  app.addHook('onClose', async () => mailTransport.close());
  app.addHook('onReady', () => realtime.start());
  app.addHook('onClose', () => realtime.stop());

  // 3. Modules, each with its routes, given the platform.
  await registerIdentityRoutes(app, platform, identity);
  await registerPracticeRoutes(app, platform, identity);
  await app.register(apiKeysRoutes, { apiKeys });
  await registerClientRoutes(app, platform);
  await registerLibrary(app, platform);
  await registerExerciseRoutes(app, platform);
  await registerProgramRoutes(app, platform);
  const notifications = await registerNotifications(app, platform);
  const alerts = await registerAlerts(app, platform, notifications);
  const messages = createMessages(platform, notifications);
  const patient = await registerPatientRoutes(app, platform, alerts, messages);
  await registerMessages(app, messages, patient.access);
  await registerReminders(app, platform, patient.access);
  await registerOutcomes(app, platform, alerts, patient.access);
  await registerClientInvitations(app, platform, patient.access);
  await registerExport(app, platform);
  await registerErasure(app, platform);
  registerRetention(platform);
  registerBackups(platform, deps);
  await registerTransparency(app, platform, messages, patient.access);
  await app.register(realtimeRoutes, {
    realtime,
    publicUrl: config.publicUrl,
    patientAccess: patient.access,
    sessionCookieName: sessionCookie(config.publicUrl).name,
    sessionStillLive: async (token) => Boolean(await identity.sessions.resolve(token, { touch: false })),
    ...(deps.realtimeRecheckMs ? { recheckEveryMs: deps.realtimeRecheckMs } : {}),
  });
  for (const routes of deps.extraRoutes ?? []) await app.register(routes);

  return app;
}
