import { type SQL, sql } from 'drizzle-orm';
import type { Database } from './client.js';

/** A transaction handle; repos take it as their first argument. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Runs units of work in transactions that carry the tenant fence. Services depend on this, not on Database. */
export interface Transactor {
  /** One transaction as the tenant role: row-level security shows and accepts only this practice's rows. */
  inPractice<T>(practiceId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** One transaction as the system role, for work that spans practices (sealer, jobs, operator commands). */
  asSystem<T>(work: (tx: Tx) => Promise<T>, settings?: LocalSettings): Promise<T>;
  /**
   * One transaction: `system` as the system role (with the settings), then `practice` as the tenant
   * role, fenced to this practice exactly as in inPractice. Two transactions' begin and commit fewer
   * (each a statement to parse and plan on the embedded engine). The settings hold for both parts.
   */
  asSystemThenInPractice<S, T>(
    practiceId: string,
    system: (tx: Tx) => Promise<S>,
    practice: (tx: Tx, found: S) => Promise<T>,
    settings?: LocalSettings,
  ): Promise<T>;
}

/** Planner settings for one transaction, set with its role in the same statement. */
export interface LocalSettings {
  /** 'off': read tables through their indexes (library search: bench/README.md says why). */
  enable_seqscan?: 'off';
  /** '0': no parallel plan (a worker's start costs more than a short query, and loses row order). */
  max_parallel_workers_per_gather?: '0';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One statement, not SET LOCAL ROLE and then set_config: every statement costs a round trip (and on
// the embedded engine a parse), and tenant transactions are the most frequent of all.
const enterPractice = (tx: Tx, practiceId: string) =>
  tx.execute(
    sql`select set_config('role', 'rehabit_app', true), set_config('app.practice_id', ${practiceId}, true)`,
  );

const enterSystem = (tx: Tx, settings: LocalSettings) => {
  const extra = Object.entries(settings).map(([name, value]) => sql`, set_config(${name}, ${value}, true)`);
  return tx.execute(sql`select set_config('role', 'rehabit_system', true)${sql.join(extra, sql``)}`);
};

// A malformed id would make every policy check throw; it is a caller bug, not a user error.
const checkPractice = (practiceId: string) => {
  if (!UUID.test(practiceId)) throw new Error('inPractice needs a practice uuid');
};

export function createTransactor(db: Database): Transactor {
  return {
    inPractice: (practiceId, work) => {
      checkPractice(practiceId);
      return db.transaction(async (tx) => {
        await enterPractice(tx, practiceId);
        return work(tx);
      });
    },
    asSystem: (work, settings = {}) =>
      db.transaction(async (tx) => {
        await enterSystem(tx, settings);
        return work(tx);
      }),
    asSystemThenInPractice: (practiceId, system, practice, settings = {}) => {
      checkPractice(practiceId);
      return db.transaction(async (tx) => {
        await enterSystem(tx, settings);
        const found = await system(tx);
        await enterPractice(tx, practiceId);
        return practice(tx, found);
      });
    },
  };
}

/** Runs raw SQL and returns its rows; both drivers answer with a { rows } result. */
export async function queryRows<Row>(tx: Tx, query: SQL): Promise<Row[]> {
  const result = (await tx.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
