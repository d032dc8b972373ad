import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LoadFigures, LoadSettings } from './load.js';

/** A target's figures beside the bare Fastify route's from the same run. */
export interface TargetReport extends LoadFigures {
  target: string;
  /** Its requests/s divided by the bare route's (1 = as fast as Fastify alone). */
  requestsPerSecondRatio: number;
  /** Its p99 latency divided by the bare route's (1 = no slower than Fastify alone). */
  latencyP99Ratio: number;
}

export interface BenchReport {
  date: string;
  engine: 'pglite' | 'postgres';
  node: string;
  cpus: number;
  cpuModel: string;
  settings: LoadSettings;
  targets: TargetReport[];
}

/** Puts each target beside the baseline (the target named `baseline`, which must be measured). */
export function buildReport(
  engine: BenchReport['engine'],
  settings: LoadSettings,
  measured: { target: string; figures: LoadFigures }[],
  baseline: string,
): BenchReport {
  const bare = measured.find((entry) => entry.target === baseline)?.figures;
  if (!bare) throw new Error(`baseline ${baseline} was not measured`);
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    engine,
    node: process.version,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    settings,
    targets: measured.map(({ target, figures }) => ({
      target,
      ...figures,
      requestsPerSecondRatio: figures.requestsPerSecond / bare.requestsPerSecond,
      latencyP99Ratio: figures.latencyP99Ms / bare.latencyP99Ms,
    })),
  };
}

const COLUMNS: { title: string; cell: (target: TargetReport) => string }[] = [
  { title: 'target', cell: (t) => t.target },
  { title: 'req/s', cell: (t) => t.requestsPerSecond.toFixed(0) },
  { title: 'p50 ms', cell: (t) => t.latencyP50Ms.toFixed(2) },
  { title: 'p99 ms', cell: (t) => t.latencyP99Ms.toFixed(2) },
  { title: 'errors', cell: (t) => String(t.errors) },
  { title: 'non-2xx', cell: (t) => String(t.non2xx) },
  { title: 'req/s ÷ bare', cell: (t) => t.requestsPerSecondRatio.toFixed(2) },
  { title: 'p99 ÷ bare', cell: (t) => t.latencyP99Ratio.toFixed(2) },
];

/** The report as a plain-text table with the run's circumstances above it. */
export function formatReport(report: BenchReport): string {
  const rows = [COLUMNS.map((c) => c.title), ...report.targets.map((t) => COLUMNS.map((c) => c.cell(t)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const { connections, durationSeconds, warmupSeconds } = report.settings;
  return [
    `engine ${report.engine} · node ${report.node} · ${report.cpus} CPUs (${report.cpuModel}) · ${report.date}`,
    `${connections} connections, ${durationSeconds} s per target after a ${warmupSeconds} s warm-up, one target at a time`,
    '',
    line(rows[0] ?? []),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
  ].join('\n');
}

/** Writes the report to <dir>/<timestamp>.json and returns the file's path. */
export async function writeReport(report: BenchReport, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${report.date.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
