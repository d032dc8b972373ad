import type { Tx } from '../../db/transactions.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { Score } from './instruments/index.js';
import type { AssignmentRow, ResponseRow } from './outcomes.repo.js';

// Encrypting and decrypting what a response and an assignment hold about the client, in one place.

export interface ResponseContent {
  answers: (number | null)[];
  activities: string[] | null;
}

const at = (table: string, column: string, rowId: string) => ({ table, column, rowId });
const ownerOf = (row: { practiceId: string; clientId: string }) => ({
  practiceId: row.practiceId,
  clientId: row.clientId,
});

export function createOutcomeRecords(cipher: FieldCipher) {
  return {
    async sealResponse(
      tx: Tx,
      row: { id: string; practiceId: string; clientId: string },
      content: ResponseContent,
      score: Score,
    ) {
      const owner = ownerOf(row);
      return {
        answers: await cipher.encrypt(
          tx,
          owner,
          JSON.stringify(content),
          at('outcome_responses', 'answers', row.id),
        ),
        score: await cipher.encrypt(
          tx,
          owner,
          JSON.stringify(score),
          at('outcome_responses', 'score', row.id),
        ),
      };
    },

    async openResponse(tx: Tx, row: ResponseRow): Promise<ResponseContent & { score: Score }> {
      const owner = ownerOf(row);
      const content = JSON.parse(
        await cipher.decrypt(tx, owner, row.answers, at('outcome_responses', 'answers', row.id)),
      ) as ResponseContent;
      const score = JSON.parse(
        await cipher.decrypt(tx, owner, row.score, at('outcome_responses', 'score', row.id)),
      ) as Score;
      return { ...content, score };
    },

    async sealActivities(
      tx: Tx,
      row: { id: string; practiceId: string; clientId: string },
      activities: string[] | undefined,
    ) {
      if (!activities) return null;
      return cipher.encrypt(
        tx,
        ownerOf(row),
        JSON.stringify({ activities }),
        at('outcome_assignments', 'details', row.id),
      );
    },

    async openActivities(tx: Tx, row: AssignmentRow): Promise<string[] | null> {
      if (!row.details) return null;
      const details = JSON.parse(
        await cipher.decrypt(tx, ownerOf(row), row.details, at('outcome_assignments', 'details', row.id)),
      ) as { activities: string[] };
      return details.activities;
    },
  };
}

export type OutcomeRecords = ReturnType<typeof createOutcomeRecords>;
