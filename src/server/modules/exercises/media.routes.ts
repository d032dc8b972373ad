import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { clinicalCaller } from '../clients/clients.policy.js';
import { parseRange } from './byte-range.js';
import { presentMedia } from './exercises.presenter.js';
import { exerciseIdParams, mediaIdParams, mediaSchema } from './exercises.schema.js';
import type { MediaService } from './media.service.js';
import type { MediaLimits } from './media-types.js';
import { uploadParts } from './multipart.js';

export interface MediaRoutesOptions {
  media: MediaService;
  limits: MediaLimits;
}

const tags = ['exercises'];
const bytes = z.unknown().describe("the file's bytes");

/** Media never change once stored, so the id is a strong validator. */
const etagOf = (id: string) => `"${id}"`;
const matches = (header: string | undefined, etag: string) =>
  header !== undefined &&
  (header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag));

/** Images and videos of exercises: uploaded per exercise, read with ranges (video seeking). */
export const mediaRoutes: FastifyPluginAsyncZod<MediaRoutesOptions> = async (app, { media, limits }) => {
  app.post(
    '/api/v1/exercises/:id/media',
    {
      schema: {
        tags,
        summary:
          'Upload an image (JPEG, PNG, WebP) or a video (MP4, WebM) to an exercise, library ones included; multipart field "file", optional field "featuredClientId" before it. 415 unsupported_media_type, 413 too_large',
        consumes: ['multipart/form-data'],
        params: exerciseIdParams,
        response: { 201: mediaSchema },
      },
    },
    async (request, reply) => {
      const caller = clinicalCaller(request);
      const stored = await media.upload(caller, request.params.id, uploadParts(request, limits));
      return reply.status(201).send(presentMedia(stored));
    },
  );

  app.get(
    '/api/v1/media/:id',
    {
      schema: {
        tags,
        summary: 'The bytes of a media item of the practice; one byte range (Range: bytes=…) answers 206',
        params: mediaIdParams,
        response: { 200: bytes, 206: bytes, 304: z.null() },
      },
    },
    async (request, reply) => {
      const opened = await media.open(clinicalCaller(request), request.params.id);
      const { id, contentType, byteSize } = opened.media;
      const etag = etagOf(id);
      // Revalidated on every view, so a deleted item or a removed member stops seeing it at once.
      void reply.headers({ etag, 'cache-control': 'private, no-cache', 'accept-ranges': 'bytes' });
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      const ifRange = request.headers['if-range'];
      const range = parseRange(
        ifRange === undefined || ifRange === etag ? request.headers.range : undefined,
        byteSize,
      );
      if (range.kind === 'unsatisfiable')
        throw new AppError(
          'range_not_satisfiable',
          416,
          'The requested range lies outside the file.',
          undefined,
          {
            'content-range': `bytes */${byteSize}`,
          },
        );
      const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, byteSize - 1];
      // Opened before any header of the answer is set: an unreadable file becomes a plain error answer.
      const body = await opened.read(start, end);
      void reply.type(contentType).header('content-length', end - start + 1);
      if (range.kind === 'whole') return reply.status(200).send(body);
      void reply.header('content-range', `bytes ${start}-${end}/${byteSize}`);
      return reply.status(206).send(body);
    },
  );

  app.delete(
    '/api/v1/media/:id',
    { schema: { tags, summary: 'Delete a media item of the practice', params: mediaIdParams } },
    async (request, reply) => {
      await media.remove(clinicalCaller(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
