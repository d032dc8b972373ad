import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicalCaller } from '../clients/clients.policy.js';
import { presentMedia } from './exercises.presenter.js';
import { exerciseIdParams, mediaIdParams, mediaSchema } from './exercises.schema.js';
import type { MediaService } from './media.service.js';
import { sendMedia } from './media-response.js';
import type { MediaLimits } from './media-types.js';
import { uploadParts } from './multipart.js';

export interface MediaRoutesOptions {
  media: MediaService;
  limits: MediaLimits;
}

const tags = ['exercises'];
const bytes = z.unknown().describe("the file's bytes");

/** Images and videos of exercises: uploaded per exercise, read with ranges (video seeking). */
export const mediaRoutes: FastifyPluginAsyncZod<MediaRoutesOptions> = async (app, { media, limits }) => {
  app.post(
    '/api/v1/exercises/:id/media',
    {
      schema: {
        tags,
        summary:
          'Upload an image (JPEG, PNG, WebP) or a video (MP4, WebM) to an exercise, library ones included (seen by the uploading practice alone); multipart field "file", optional field "featuredClientId" before it. The type is read from the content, never the name: 415 unsupported_media_type; 413 payload_too_large (MEDIA_MAX_IMAGE_BYTES, MEDIA_MAX_VIDEO_BYTES)',
        consumes: ['multipart/form-data'],
        params: exerciseIdParams,
        response: { 201: mediaSchema },
      },
    },
    async (request, reply) => {
      try {
        const caller = clinicalCaller(request);
        const stored = await media.upload(caller, request.params.id, uploadParts(request, limits));
        return reply.status(201).send(presentMedia(stored));
      } catch (error) {
        // Refused while the body still arrives (403, 404, 413, 415): closing the connection spares reading,
        // and throwing away, the rest of a file that may be hundreds of megabytes.
        if (!request.raw.complete) void reply.header('connection', 'close');
        throw error;
      }
    },
  );

  app.get(
    '/api/v1/media/:id',
    {
      schema: {
        tags,
        summary:
          'The bytes of a media item of the practice. One byte range (Range: bytes=a-b, a-, -n) answers 206 with Content-Range, a range past the end 416 range_not_satisfiable; several ranges are ignored (200, whole file)',
        params: mediaIdParams,
        response: { 200: bytes, 206: bytes, 304: z.null() },
      },
    },
    async (request, reply) => {
      return sendMedia(request, reply, await media.open(clinicalCaller(request), request.params.id));
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
