import type { Role } from '../../db/schema/index.js';
import type { RealtimeEvent } from '../../platform/realtime/realtime.js';
import { canReadClinicalData } from '../practices/practices.policy.js';

/** Who holds a socket: a member of a practice, or a client in the patient app. */
export type Listener =
  | { kind: 'practitioner'; practiceId: string; practitionerId: string; role: Role }
  | { kind: 'client'; practiceId: string; clientId: string };

/**
 * Whether a socket hears an event. A conversation's events reach its client and the practice's
 * clinicians (the front desk does not read records); a notification reaches its practitioner alone.
 */
export function hears(listener: Listener, event: RealtimeEvent): boolean {
  if (event.practiceId !== listener.practiceId) return false;
  if (event.practitionerId !== undefined) {
    return listener.kind === 'practitioner' && listener.practitionerId === event.practitionerId;
  }
  if (listener.kind === 'client') return event.clientId === listener.clientId;
  return event.clientId !== undefined && canReadClinicalData(listener.role);
}
