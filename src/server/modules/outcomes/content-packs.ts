import { randomUUID } from 'node:crypto';
import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldProblem } from '../../platform/errors.js';
import { parseContentPack } from './instruments/index.js';
import { upsertContentPack } from './outcomes.repo.js';

export type ImportResult =
  | { ok: true; instrument: string; language: string; version: string; items: number }
  | { ok: false; problems: FieldProblem[] };

/**
 * The operator's import of a licensed instrument's text (and tables) under their own licence: checked
 * against the instrument, stored for the whole deployment, replacing the same instrument and language.
 */
export async function importContentPack(
  deps: { transactor: Transactor; audit: Audit; clock: Clock },
  json: string,
): Promise<ImportResult> {
  const parsed = parseContentPack(json);
  if (!parsed.ok) return parsed;
  const { pack } = parsed;
  await deps.transactor.asSystem(async (tx) => {
    await upsertContentPack(tx, {
      id: randomUUID(),
      instrument: pack.instrument,
      language: pack.language,
      version: pack.version,
      licenceHolder: pack.licence.holder,
      licenceTerms: pack.licence.terms,
      pack,
      importedAt: deps.clock.now(),
    });
    await deps.audit.record(tx, {
      practiceId: null,
      actor: { type: 'operator' },
      action: 'content_pack.import',
      outcome: 'success',
    });
  });
  return {
    ok: true,
    instrument: pack.instrument,
    language: pack.language,
    version: pack.version,
    items: pack.items.length,
  };
}
