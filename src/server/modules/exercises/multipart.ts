import { PassThrough, type Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { UploadPart } from './media.service.js';
import { type MediaLimits, mediaTooLarge } from './media-types.js';

const unreadable = () =>
  new AppError('invalid_upload', 400, 'The upload could not be read. Send the file as multipart/form-data.');

/** Errors of the multipart parser are the request's fault: 400 (or 413), never a 500. */
function asUploadError(error: unknown, limits: MediaLimits): Error {
  if (error instanceof AppError) return error;
  if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return mediaTooLarge(limits);
  return unreadable();
}

/** The file's bytes, with the parser's errors turned into ours; stopping to read stops the parser too. */
function fileStream(file: Readable, limits: MediaLimits): Readable {
  const out = new PassThrough();
  file.on('error', (error) => out.destroy(asUploadError(error, limits)));
  out.on('close', () => {
    if (!file.readableEnded) file.destroy();
  });
  return file.pipe(out);
}

/** The parts of an upload form as the media service takes them; one file, a few short fields. */
export async function* uploadParts(request: FastifyRequest, limits: MediaLimits): AsyncGenerator<UploadPart> {
  if (!request.isMultipart()) throw unreadable();
  // The parser's own file limit sits above ours, so the inspector always refuses first (with 413).
  const parts = request.parts({
    limits: {
      fileSize: Math.max(limits.image, limits.video) + 1024,
      files: 2,
      fields: 10,
      parts: 12,
      fieldSize: 200,
    },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        const file = part.file;
        yield {
          type: 'file',
          name: part.fieldname,
          stream: fileStream(file, limits),
          truncated: () => file.truncated,
        };
      } else {
        yield {
          type: 'field',
          name: part.fieldname,
          value: typeof part.value === 'string' ? part.value.trim() : '',
        };
      }
    }
  } catch (error) {
    throw asUploadError(error, limits);
  }
}
