import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { parseRange } from './byte-range.js';
import type { OpenedMedia } from './media.service.js';

/** Media never change once stored, so the id is a strong validator. */
const etagOf = (id: string) => `"${id}"`;
const matches = (header: string | undefined, etag: string) =>
  header !== undefined &&
  (header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag));

/**
 * Answers a media item's bytes: whole, or one byte range (video seeking), with validators for caches.
 * Shared by the workspace and the patient app, whose routes decide who may read what.
 */
export async function sendMedia(request: FastifyRequest, reply: FastifyReply, opened: OpenedMedia) {
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
}
