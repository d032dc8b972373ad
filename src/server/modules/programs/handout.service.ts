import type { Readable } from 'node:stream';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { Logger } from '../../platform/logger.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { requireClient } from '../clients/clients.service.js';
import type { MediaService } from '../exercises/media.service.js';
import { type Exercise, exerciseDetail } from '../library/library.module.js';
import { HANDOUT_LABELS } from './handout-labels.js';
import { type HandoutContent, renderHandout } from './handout-pdf.js';
import type { Language } from './program-content.js';
import { createProgramRecords } from './program-records.js';
import { noProgram } from './programs.policy.js';
import { findEducationTitles, findFirstImages, findPracticeName } from './programs.repo.js';

export interface Handout {
  pdf: Buffer;
  filename: string;
}

export interface HandoutService {
  /** The client's current program as a printable PDF with the access code; audited, as it reveals the code. */
  render(caller: ClinicalCaller, clientId: string, lang?: Language): Promise<Handout>;
}

// pdfkit embeds only these; a WebP image is left out of the handout.
const PRINTABLE = new Set(['image/jpeg', 'image/png']);

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function exerciseIn(tx: Tx, id: string, language: Language): Promise<Exercise | undefined> {
  try {
    return await exerciseDetail(tx, id, language);
  } catch {
    // Gone from the practice's view since it was prescribed: the handout lists what is still there.
    return undefined;
  }
}

export function createHandoutService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  media: MediaService;
  publicUrl: URL;
  log: Logger;
}): HandoutService {
  const { transactor, audit, cipher, clock, media, log } = deps;
  const records = createProgramRecords({ cipher, clock });
  const appUrl = new URL('/app/', deps.publicUrl).toString();

  /** The images are read after the commit: the media service opens transactions of its own. */
  async function readImage(caller: ClinicalCaller, mediaId: string): Promise<Buffer | null> {
    try {
      const opened = await media.open(caller, mediaId);
      return await bytesOf(await opened.read(0, opened.media.byteSize - 1));
    } catch (error) {
      log.warn({ err: error, mediaId }, 'an exercise image was left out of a handout');
      return null;
    }
  }

  return {
    async render(caller, clientId, lang) {
      const gathered = await transactor.inPractice(caller.practiceId, async (tx) => {
        const client = await requireClient(tx, caller.practiceId, clientId);
        // Every client has a language (English unless set), so the practitioner's is never the fallback.
        const language = lang ?? client.language;
        const program = await records.current(tx, caller.practiceId, clientId, language);
        if (!program) throw noProgram();
        const exerciseIds = program.content.items.map((item) => item.exerciseId);
        const details = new Map<string, Exercise>();
        for (const id of new Set(exerciseIds)) {
          const exercise = await exerciseIn(tx, id, language);
          if (exercise) details.set(id, exercise);
        }
        const titles = await findEducationTitles(
          tx,
          caller.practiceId,
          program.content.educationIds,
          language,
        );
        const gathered = {
          language,
          practiceName: await findPracticeName(tx, caller.practiceId),
          clientFirstName: client.firstName,
          program,
          details,
          images: await findFirstImages(tx, caller.practiceId, clientId, [...details.keys()]),
          educationTitles: program.content.educationIds.flatMap((id) => titles.get(id) ?? []),
          accessCode: await records.accessCodeOf(tx, caller.practiceId, clientId),
        };
        await audit.record(tx, {
          practiceId: caller.practiceId,
          actor: caller.actor,
          action: 'program.handout',
          subject: { type: 'client', id: clientId },
          outcome: 'success',
          ip: caller.ip,
          userAgent: caller.userAgent,
        });
        return gathered;
      });

      const images = new Map<string, Buffer | null>();
      for (const [exerciseId, image] of gathered.images)
        if (PRINTABLE.has(image.contentType)) images.set(exerciseId, await readImage(caller, image.id));

      const content: HandoutContent = {
        language: gathered.language,
        practiceName: gathered.practiceName,
        clientFirstName: gathered.clientFirstName,
        exercises: gathered.program.content.items.flatMap((item) => {
          const exercise = gathered.details.get(item.exerciseId);
          if (!exercise) return [];
          return [
            {
              title: exercise.title,
              dosage: item,
              instructions: exercise.instructions,
              notes: gathered.program.itemNotes[item.id] ?? null,
              image: images.get(item.exerciseId) ?? null,
            },
          ];
        }),
        educationTitles: gathered.educationTitles,
        accessCode: gathered.accessCode,
        appUrl,
      };
      return { pdf: await renderHandout(content), filename: HANDOUT_LABELS[gathered.language].filename };
    },
  };
}
