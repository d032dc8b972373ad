import { randomUUID } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { KeyOwner } from '../../platform/crypto/index.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { ObjectStorage } from '../../platform/storage/storage.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { requireClient } from '../clients/clients.service.js';
import { recordExerciseAct, requireAuthor } from './exercises.policy.js';
import {
  deleteMedia,
  findFirstImage,
  findMedia,
  findVisibleExercise,
  insertMedia,
  type MediaRow,
  nextMediaSortOrder,
} from './exercises.repo.js';
import { MediaInspector, type MediaLimits, type MediaType, mediaTooLarge } from './media-types.js';

/** One part of an upload form, as the route hands it over. */
export type UploadPart =
  | { type: 'field'; name: string; value: string }
  | { type: 'file'; name: string; stream: Readable; truncated(): boolean };

/** A media item opened for reading: its row, and its bytes from `start` to `end` (inclusive). */
export interface OpenedMedia {
  media: MediaRow;
  read(start: number, end: number): Promise<Readable>;
}

/** A media item read whole, for the server's own use (a PDF handout, the patient app). */
export interface MediaBytes {
  id: string;
  exerciseId: string;
  kind: MediaRow['kind'];
  contentType: string;
  /** The client the item shows, if any: the caller decides whether its reader may see it, and audits. */
  featuredClientId: string | null;
  bytes: Buffer;
}

export interface MediaService {
  /**
   * Stores the form's "file" (typed by its content, within the size limits) as a media item of the
   * exercise, owned by the caller's practice. A "featuredClientId" field must come before the file: the
   * file is then encrypted under that client's key. Nothing remains of a refused upload.
   */
  upload(caller: ClinicalCaller, exerciseId: string, parts: AsyncIterable<UploadPart>): Promise<MediaRow>;
  /** The practice's media item, its read audited when it features a client; 404 otherwise. */
  open(caller: ClinicalCaller, id: string): Promise<OpenedMedia>;
  remove(caller: ClinicalCaller, id: string): Promise<void>;
  /** See readMediaBytes. */
  readMediaBytes(practiceId: string, mediaId: string): Promise<MediaBytes>;
  /** See readFirstImage. */
  readFirstImage(practiceId: string, exerciseId: string): Promise<MediaBytes | null>;
}

/** What the server-side readers need: the platform's transactor and storage. */
export interface MediaReadDeps {
  transactor: Transactor;
  storage: ObjectStorage;
}

/**
 * Opens practice X's media item for reading, without a caller check or an audit entry: for other
 * modules that check access and audit their own act. 404 not_found when the item is not the practice's.
 * Runs short transactions of its own, and so must never be called inside one (PGlite has one connection).
 */
export async function openMediaOf(
  deps: MediaReadDeps,
  practiceId: string,
  mediaId: string,
): Promise<OpenedMedia> {
  const media = await deps.transactor.inPractice(practiceId, (tx) => findMedia(tx, practiceId, mediaId));
  if (!media) throw notFound('This media item was not found.');
  return { media, read: (start, end) => deps.storage.getRange(media.storageKey, start, end) };
}

const readWhole = async (opened: OpenedMedia): Promise<MediaBytes> => {
  const { media } = opened;
  const bytes = await buffer(await opened.read(0, media.byteSize - 1));
  const { id, exerciseId, kind, contentType, featuredClientId } = media;
  return { id, exerciseId, kind, contentType, featuredClientId, bytes };
};

/**
 * The decrypted bytes of practice X's media item, whole (images are at most MEDIA_MAX_IMAGE_BYTES;
 * stream videos with openMediaOf instead). Not audited, 404 otherwise, never inside a transaction: as
 * openMediaOf.
 */
export async function readMediaBytes(
  deps: MediaReadDeps,
  practiceId: string,
  mediaId: string,
): Promise<MediaBytes> {
  return readWhole(await openMediaOf(deps, practiceId, mediaId));
}

/**
 * The first image of an exercise (its thumbnail) as practice X sees it, decrypted, or null when it has
 * none; for the PDF handout and the patient app. Not audited, never inside a transaction: as openMediaOf.
 */
export async function readFirstImage(
  deps: MediaReadDeps,
  practiceId: string,
  exerciseId: string,
): Promise<MediaBytes | null> {
  const media = await deps.transactor.inPractice(practiceId, (tx) =>
    findFirstImage(tx, practiceId, exerciseId),
  );
  if (!media) return null;
  return readWhole({ media, read: (start, end) => deps.storage.getRange(media.storageKey, start, end) });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface StoredUpload {
  id: string;
  key: string;
  type: MediaType;
  byteSize: number;
  clientId: string | null;
}

export function createMediaService(deps: {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
  storage: ObjectStorage;
  limits: MediaLimits;
  log: Logger;
}): MediaService {
  const { transactor, audit, clock, storage, limits, log } = deps;
  const exerciseNotFound = () => notFound('This exercise was not found.');

  async function store(
    practiceId: string,
    part: Extract<UploadPart, { type: 'file' }>,
    clientId: string | null,
  ) {
    const id = randomUUID();
    const key = `${practiceId}/${id}`;
    const owner: KeyOwner = clientId ? { practiceId, clientId } : { practiceId };
    const inspector = new MediaInspector(limits);
    // The inspector fails the stream on a wrong type or too many bytes; pipeline then stops the upload.
    const body = pipeline(part.stream, inspector, () => undefined);
    const { byteSize } = await storage.put(key, body, owner);
    if (part.truncated() || !inspector.type) {
      await storage.delete(key);
      throw mediaTooLarge(limits);
    }
    return { id, key, type: inspector.type, byteSize, clientId };
  }

  return {
    async upload(caller, exerciseId, parts) {
      const author = requireAuthor(caller);
      const { practiceId } = caller;
      const exercise = await transactor.inPractice(practiceId, (tx) =>
        findVisibleExercise(tx, practiceId, exerciseId),
      );
      if (!exercise || exercise.archivedAt) throw exerciseNotFound();
      let featuredClientId: string | undefined;
      let stored: StoredUpload | undefined;
      try {
        for await (const part of parts) {
          if (part.type === 'field') {
            // A form's empty choice ("no client") is no choice.
            if (part.name !== 'featuredClientId' || part.value === '') continue;
            if (stored || !UUID.test(part.value))
              throw validationFailed([
                {
                  field: 'featuredClientId',
                  message: stored ? 'Send featuredClientId before the file.' : 'Must be the id of a client.',
                },
              ]);
            featuredClientId = part.value;
          } else if (part.name !== 'file' || stored) {
            part.stream.resume();
            if (stored) throw validationFailed([{ field: 'file', message: 'Upload one file at a time.' }]);
          } else {
            // Media of an exercise made for a client show that client unless said otherwise.
            const clientId = featuredClientId ?? exercise.featuredClientId;
            if (clientId)
              await transactor.inPractice(practiceId, (tx) => requireClient(tx, practiceId, clientId));
            stored = await store(practiceId, part, clientId);
          }
        }
        if (!stored)
          throw validationFailed([{ field: 'file', message: 'Choose an image or a video to upload.' }]);
        const upload = stored;
        return await transactor.inPractice(practiceId, async (tx) => {
          // The exercise or the client may have gone while the file arrived.
          const current = await findVisibleExercise(tx, practiceId, exerciseId);
          if (!current || current.archivedAt) throw exerciseNotFound();
          if (upload.clientId) await requireClient(tx, practiceId, upload.clientId);
          const row = await insertMedia(tx, {
            id: upload.id,
            practiceId,
            exerciseId,
            kind: upload.type.kind,
            contentType: upload.type.contentType,
            byteSize: upload.byteSize,
            storageKey: upload.key,
            featuredClientId: upload.clientId,
            sortOrder: await nextMediaSortOrder(tx, practiceId, exerciseId),
            createdBy: author.practitionerId,
            createdAt: clock.now(),
          });
          await recordExerciseAct(
            audit,
            tx,
            caller,
            'exercise_media.create',
            { type: 'exercise_media', id: row.id },
            [row.featuredClientId],
          );
          return row;
        });
      } catch (error) {
        if (stored) await storage.delete(stored.key).catch(() => undefined);
        throw error;
      }
    },

    async open(caller, id) {
      const media = await transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await findMedia(tx, caller.practiceId, id);
        if (!row) throw notFound('This media item was not found.');
        if (row.featuredClientId)
          await recordExerciseAct(audit, tx, caller, 'exercise_media.read', { type: 'exercise_media', id }, [
            row.featuredClientId,
          ]);
        return row;
      });
      return { media, read: (start, end) => storage.getRange(media.storageKey, start, end) };
    },

    readMediaBytes: (practiceId, mediaId) => readMediaBytes({ transactor, storage }, practiceId, mediaId),
    readFirstImage: (practiceId, exerciseId) =>
      readFirstImage({ transactor, storage }, practiceId, exerciseId),

    async remove(caller, id) {
      requireAuthor(caller);
      const removed = await transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await deleteMedia(tx, caller.practiceId, id);
        if (!row) throw notFound('This media item was not found.');
        await recordExerciseAct(audit, tx, caller, 'exercise_media.delete', { type: 'exercise_media', id }, [
          row.featuredClientId,
        ]);
        return row;
      });
      // After the commit: a failed removal leaves an unreadable orphan, never a row without its file.
      await storage.delete(removed.storageKey).catch((error: unknown) => {
        log.warn({ err: error, mediaId: id }, 'a deleted media file could not be removed');
      });
    },
  };
}
