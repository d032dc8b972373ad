import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import { clientsRoutes } from './clients.routes.js';
import { createClientsService } from './clients.service.js';

/** The clients module: its service, built from the platform, and its routes. */
export async function registerClientRoutes(app: FastifyInstance, platform: Platform) {
  const { transactor, audit, cipher, clock } = platform;
  const clients = createClientsService({ transactor, audit, cipher, clock });
  await app.register(clientsRoutes, { clients });
}
