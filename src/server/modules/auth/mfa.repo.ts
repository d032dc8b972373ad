import { and, eq, isNull } from 'drizzle-orm';
import { recoveryCodes } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export async function replaceRecoveryCodes(
  tx: Tx,
  owner: { practiceId: string; practitionerId: string },
  codes: { id: string; codeHash: string }[],
) {
  await tx
    .delete(recoveryCodes)
    .where(
      and(
        eq(recoveryCodes.practiceId, owner.practiceId),
        eq(recoveryCodes.practitionerId, owner.practitionerId),
      ),
    );
  if (codes.length > 0) await tx.insert(recoveryCodes).values(codes.map((code) => ({ ...code, ...owner })));
}

/** Uses an unused recovery code; answers false when there is none with this hash. */
export async function consumeRecoveryCode(
  tx: Tx,
  owner: { practiceId: string; practitionerId: string },
  codeHash: string,
  at: Date,
): Promise<boolean> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(
      and(
        eq(recoveryCodes.practiceId, owner.practiceId),
        eq(recoveryCodes.practitionerId, owner.practitionerId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function countUnusedRecoveryCodes(tx: Tx, practiceId: string, practitionerId: string) {
  const rows = await tx
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(
      and(
        eq(recoveryCodes.practiceId, practiceId),
        eq(recoveryCodes.practitionerId, practitionerId),
        isNull(recoveryCodes.usedAt),
      ),
    );
  return rows.length;
}
