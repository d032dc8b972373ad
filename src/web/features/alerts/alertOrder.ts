import type { Alert } from './alertsApi.js';

/**
 * The inbox's order: open urgent alerts (a risk of self-harm) first, then everything else as the
 * server sent it (newest first). Stable, so the order within each group is kept.
 */
export function urgentFirst<T extends Pick<Alert, 'urgent' | 'acknowledgedAt'>>(alerts: readonly T[]): T[] {
  const pressing = (alert: T) => alert.urgent && alert.acknowledgedAt === null;
  return [...alerts.filter(pressing), ...alerts.filter((alert) => !pressing(alert))];
}
