import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import { type MediaReadDeps, type OpenedMedia, openMediaOf } from '../exercises/media.service.js';
import { exerciseDetail } from '../library/library.module.js';
import { findArticle } from '../library/library.repo.js';
import { createProgramRecords } from '../programs/program-records.js';
import { listEntries } from './adherence.repo.js';
import { dueToday, mondayOf } from './due-today.js';
import { findClientGreeting, listProgramMedia } from './patient-access.repo.js';
import type { PatientPrincipal } from './patient-access.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

export function createPatientProgramService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  media: MediaReadDeps;
}) {
  const { transactor, audit, clock } = deps;
  const records = createProgramRecords({ cipher: deps.cipher, clock });

  /** The app's day comes from the phone; a day far from the server's is a wrong clock. */
  function checkedDay(date: string | undefined): string {
    const now = clock.now();
    if (date === undefined) return isoDay(now);
    const earliest = isoDay(new Date(now.getTime() - DAY_MS));
    const latest = isoDay(new Date(now.getTime() + DAY_MS));
    if (date < earliest || date > latest)
      throw validationFailed([{ field: 'date', message: `Use a day from ${earliest} to ${latest}.` }]);
    return date;
  }

  return {
    /**
     * Today's program as the app shows it and keeps offline: each exercise in full with its media and
     * what is still due today, the attached education articles, in the client's language.
     */
    async today(patient: PatientPrincipal, query: { date?: string | undefined }) {
      const { practiceId, clientId } = patient;
      const date = checkedDay(query.date);
      return transactor.inPractice(practiceId, async (tx) => {
        const client = await findClientGreeting(tx, practiceId, clientId);
        if (!client) throw notFound();
        const lang = client.language;
        await audit.record(tx, {
          practiceId,
          actor: { type: 'client', id: clientId },
          action: 'program.read',
          subject: { type: 'client', id: clientId },
          outcome: 'success',
        });
        const view = await records.current(tx, practiceId, clientId, lang);
        if (!view) return { date, client: { firstName: client.firstName }, program: null };

        const exerciseIds = [...new Set(view.content.items.map((item) => item.exerciseId))];
        const media = await listProgramMedia(tx, practiceId, clientId, exerciseIds);
        const logs = await listEntries(tx, practiceId, clientId, mondayOf(date), date);
        const items = [];
        for (const item of view.content.items) {
          const exercise = await exerciseDetail(tx, item.exerciseId, lang);
          items.push({
            id: item.id,
            sets: item.sets,
            reps: item.reps,
            holdSeconds: item.holdSeconds,
            restSeconds: item.restSeconds,
            timesPerDay: item.timesPerDay,
            daysPerWeek: item.daysPerWeek,
            side: item.side,
            load: item.load ?? null,
            notes: view.itemNotes[item.id] ?? null,
            exercise: {
              id: exercise.id,
              language: exercise.language,
              title: exercise.title,
              description: exercise.description,
              instructions: exercise.instructions,
              bodyRegion: exercise.bodyRegion,
              equipment: exercise.equipment,
              position: exercise.position,
              media: media
                .filter((m) => m.exerciseId === item.exerciseId)
                .map(({ id, kind, contentType, byteSize }) => ({ id, kind, contentType, byteSize })),
            },
            today: dueToday(item, logs, date),
          });
        }
        const education = [];
        for (const id of view.content.educationIds) {
          const article = await findArticle(tx, id, lang);
          if (article)
            education.push({
              id: article.id,
              language: article.language,
              title: article.title,
              summary: article.summary,
              body: article.body,
              readingMinutes: article.readingMinutes,
            });
        }
        return {
          date,
          client: { firstName: client.firstName },
          program: { version: view.version, updatedAt: view.savedAt, note: view.note, items, education },
        };
      });
    },

    /** A media item of the client's current program, never one showing another client. */
    async openMedia(patient: PatientPrincipal, mediaId: string): Promise<OpenedMedia> {
      const { practiceId, clientId } = patient;
      const allowed = await transactor.inPractice(practiceId, async (tx) => {
        const view = await records.current(tx, practiceId, clientId, 'en');
        const exerciseIds = [...new Set(view?.content.items.map((item) => item.exerciseId) ?? [])];
        return (await listProgramMedia(tx, practiceId, clientId, exerciseIds)).some((m) => m.id === mediaId);
      });
      if (!allowed) throw notFound('This media item is not part of your program.');
      return openMediaOf(deps.media, practiceId, mediaId);
    },
  };
}

export type PatientProgramService = ReturnType<typeof createPatientProgramService>;
