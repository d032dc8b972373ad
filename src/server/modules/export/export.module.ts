import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../app.js';
import { exportRoutes } from './export.routes.js';
import { createExportService } from './export.service.js';

/** The export module: a client's record (JSON, FHIR R4) and the practice's full archive. */
export async function registerExport(app: FastifyInstance, platform: Platform) {
  const { transactor, audit, cipher, clock, storage, config } = platform;
  const exports = createExportService({ transactor, audit, cipher, clock, storage, region: config.region });
  await app.register(exportRoutes, { exports });
}
