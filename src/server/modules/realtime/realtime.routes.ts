import websocket from '@fastify/websocket';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { forbidden, unauthenticated } from '../../platform/auth-context/auth-context.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { hears, type Listener } from './realtime-audience.js';

export interface RealtimeRoutesOptions {
  realtime: Realtime;
  publicUrl: URL;
  patientAccess: PatientAccessService;
  /** Whether a practitioner's session still stands, asked without counting as their activity. */
  sessionStillLive(sessionToken: string): Promise<boolean>;
  sessionCookieName: string;
  /** How often an open socket checks that its session still stands (sign-out, removal, expiry). */
  recheckEveryMs?: number;
}

const CLOSE_UNAUTHENTICATED = 4401;
const AUTH_TIMEOUT_MS = 10_000;
const HEARTBEAT_MS = 30_000;
const patientAuth = z.object({ type: z.literal('auth'), token: z.string().min(1).max(200) });

const send = (socket: WebSocket, message: object) => {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
};

/**
 * Sockets that tell the workspace and the patient app that something changed; the apps then fetch it
 * through the API, so every read stays scoped and audited. On a reconnect, or `resync`, they fetch
 * what they hold afresh: that is the catch-up.
 */
export const realtimeRoutes: FastifyPluginAsync<RealtimeRoutesOptions> = async (app, options) => {
  const recheckEveryMs = options.recheckEveryMs ?? 60_000;
  await app.register(websocket, { options: { maxPayload: 4096 } });

  // A browser sends the page's origin with the upgrade: another site must not open a socket on the
  // practitioner's cookie (cross-site WebSocket hijacking), nor on a token it got hold of.
  const checkOrigin = async (request: FastifyRequest) => {
    if (request.headers.origin !== options.publicUrl.origin) {
      throw forbidden('This connection must come from the Rehabit app.');
    }
  };

  const attach = (socket: WebSocket, listener: Listener, stillLive: () => Promise<boolean>) => {
    const unsubscribe = options.realtime.subscribe((event) => {
      if (event.type === 'resync') send(socket, { type: 'resync' });
      else if (hears(listener, event))
        send(socket, { type: event.type, clientId: event.clientId, id: event.id });
    });
    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    const recheck = setInterval(() => {
      stillLive().then(
        (live) => {
          if (!live) socket.close(CLOSE_UNAUTHENTICATED, 'signed out');
        },
        () => undefined,
      );
    }, recheckEveryMs);
    socket.on('close', () => {
      unsubscribe();
      clearInterval(heartbeat);
      clearInterval(recheck);
    });
    send(socket, { type: 'ready' });
  };

  app.get(
    '/api/v1/realtime',
    {
      websocket: true,
      preValidation: async (request) => {
        await checkOrigin(request);
        const principal = request.principal;
        if (principal?.kind !== 'practitioner') throw unauthenticated();
      },
      schema: {
        tags: ['realtime'],
        summary: 'WebSocket: what changed for the signed-in practitioner (ids only)',
        description:
          'Messages: {type: "ready"} once open; {type: "message.created" | "message.read", clientId, id}; ' +
          '{type: "notification.created", id}; {type: "resync"} after a gap: fetch afresh.',
      },
    },
    (socket, request) => {
      const principal = request.principal;
      const token = request.cookies[options.sessionCookieName];
      if (principal?.kind !== 'practitioner' || !token) return socket.close(CLOSE_UNAUTHENTICATED);
      const { practiceId, practitionerId, role } = principal;
      attach(socket, { kind: 'practitioner', practiceId, practitionerId, role }, () =>
        options.sessionStillLive(token),
      );
    },
  );

  app.get(
    '/api/v1/patient/realtime',
    {
      websocket: true,
      preValidation: checkOrigin,
      schema: {
        tags: ['patient'],
        summary: "WebSocket: what changed in the client's conversation (ids only)",
        description:
          'Send {type: "auth", token} first (a browser cannot set a header on a socket); then as for ' +
          '/api/v1/realtime: ready, message.created, message.read, resync.',
      },
    },
    (socket) => {
      const timeout = setTimeout(() => socket.close(CLOSE_UNAUTHENTICATED), AUTH_TIMEOUT_MS);
      socket.once('message', async (data) => {
        clearTimeout(timeout);
        let token: string | undefined;
        try {
          token = patientAuth.parse(JSON.parse(data.toString())).token;
        } catch {
          return socket.close(CLOSE_UNAUTHENTICATED);
        }
        const patient = await options.patientAccess.resolve(token).catch(() => undefined);
        if (!patient) return socket.close(CLOSE_UNAUTHENTICATED);
        attach(
          socket,
          { kind: 'client', practiceId: patient.practiceId, clientId: patient.clientId },
          async () => Boolean(await options.patientAccess.resolve(token)),
        );
      });
    },
  );
};
