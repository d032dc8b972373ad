import type { RetentionReport } from './retention.service.js';

/** The report as lines for the operator: categories, limits and counts, never content. */
export function formatRetentionReport(report: RetentionReport): string[] {
  const lines = [
    report.dryRun
      ? `Retention dry run at ${report.at.toISOString()}: nothing was deleted.`
      : `Retention run at ${report.at.toISOString()}.`,
  ];
  for (const category of report.categories) {
    const verb = report.dryRun ? 'would go' : 'removed';
    const counted = report.dryRun ? category.expired : category.removed;
    const detail = Object.entries(category.detail)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
    lines.push(
      `  ${category.category.padEnd(17)} ${category.limit.padEnd(12)} ${verb}: ${counted}` +
        (detail ? ` (${detail})` : '') +
        (category.kept ? `; kept: ${category.kept}` : ''),
    );
  }
  return lines;
}

/** The report as a log object: counts per category only. */
export function retentionLogFields(report: RetentionReport) {
  return {
    dryRun: report.dryRun,
    categories: Object.fromEntries(
      report.categories.map((category) => [
        category.category,
        { expired: category.expired, removed: category.removed },
      ]),
    ),
  };
}
