import { createHash } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  CarePlan,
  CarePlanActivity,
  CarePlanActivityDetail,
  CodeableConcept,
  Communication,
  Condition,
  Identifier,
  Observation,
  ObservationComponent,
  Organization,
  Patient,
  Practitioner,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { instrumentByCode } from '../outcomes/instruments/index.js';
import type { ClientExport } from './export.schema.js';

// The client export as a FHIR R4 Bundle (type collection). Pure: it maps the JSON export, which already
// holds everything decrypted, so the two formats can never disagree about what was exported.
// Entries are addressed as urn:uuid: so the bundle stands alone without a FHIR server behind it.

/** Rehabit's own code systems and identifier namespaces (identifiers; they need not resolve). */
export const FHIR_BASE = 'https://rehabit.org/fhir';
const SID = {
  client: `${FHIR_BASE}/sid/client`,
  program: `${FHIR_BASE}/sid/program`,
  adherence: `${FHIR_BASE}/sid/adherence-entry`,
  nhs_number: 'https://fhir.nhs.uk/Id/nhs-number',
  personnummer: 'http://electronichealth.se/identifier/personnummer',
  samordningsnummer: 'http://electronichealth.se/identifier/samordningsnummer',
} as const;
const CODES = {
  exercise: `${FHIR_BASE}/CodeSystem/exercise`,
  education: `${FHIR_BASE}/CodeSystem/education`,
  adherence: `${FHIR_BASE}/CodeSystem/adherence`,
  category: 'http://terminology.hl7.org/CodeSystem/observation-category',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  language: 'urn:ietf:bcp:47',
} as const;

/** The canonical URL of a measure's Questionnaire: one per shipped code, one per custom measure. */
export function questionnaireUrl(measure: { measureCode: string | null; customMeasureId: string | null }) {
  if (measure.measureCode !== null)
    return `${FHIR_BASE}/Questionnaire/${encodeURIComponent(measure.measureCode)}`;
  return `${FHIR_BASE}/Questionnaire/custom-${measure.customMeasureId}`;
}

/** A stable UUID for a resource that has no row of its own (a program version's plan, a score). */
function derivedId(id: string, purpose: string): string {
  const bytes = createHash('sha256').update(`${id}:${purpose}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Typed by where it is used: FHIR narrows each reference to the resource types it may point at.
const ref = <T extends Resource>(id: string, display?: string): Reference<T> =>
  display ? { reference: `urn:uuid:${id}`, display } : { reference: `urn:uuid:${id}` };
const concept = (system: string, code: string, display: string): CodeableConcept => ({
  coding: [{ system, code, display }],
  text: display,
});
const GENDER: Record<ClientExport['client']['gender'], Patient['gender']> = {
  female: 'female',
  male: 'male',
  non_binary: 'other',
  other: 'other',
  not_stated: 'unknown',
};

function dosageText(item: NonNullable<ClientExport['program']>['versions'][number]['items'][number]) {
  const parts = [
    item.sets !== null && `${item.sets} sets`,
    item.reps !== null && `${item.reps} reps`,
    item.holdSeconds !== null && `hold ${item.holdSeconds} s`,
    item.restSeconds !== null && `rest ${item.restSeconds} s`,
    item.load && `load ${item.load}`,
    item.side !== null && `side: ${item.side}`,
    item.timesPerDay !== null && `${item.timesPerDay}× a day`,
    item.daysPerWeek !== null && `${item.daysPerWeek} days a week`,
  ].filter((part): part is string => typeof part === 'string');
  const dosage = parts.join(', ');
  return item.notes ? `${dosage}${dosage ? '. ' : ''}${item.notes}` : dosage;
}

function patientOf(data: ClientExport): Patient {
  const { client } = data;
  const identifier: Identifier[] = [{ system: SID.client, value: client.id }];
  if (client.nationalId !== null && client.nationalIdKind !== null)
    identifier.push({ system: SID[client.nationalIdKind], value: client.nationalId.replace(/\s/g, '') });
  const telecom: NonNullable<Patient['telecom']> = [];
  if (client.email) telecom.push({ system: 'email', value: client.email });
  if (client.mobile) telecom.push({ system: 'phone', use: 'mobile', value: client.mobile });
  return {
    resourceType: 'Patient',
    id: client.id,
    identifier,
    active: client.archivedAt === null,
    name: [{ use: 'official', family: client.lastName, given: [client.firstName] }],
    gender: GENDER[client.gender],
    // We hold the year of birth only; FHIR's date type takes a year alone.
    birthDate: String(client.yearOfBirth),
    ...(telecom.length > 0 ? { telecom } : {}),
    communication: [{ language: concept(CODES.language, client.language, client.language), preferred: true }],
    managingOrganization: ref(data.practice.id, data.practice.name),
  };
}

function carePlansOf(
  data: ClientExport,
  patient: Reference<Patient>,
  practitioners: Map<string, string>,
): CarePlan[] {
  const program = data.program;
  if (!program) return [];
  return program.versions.map((version, index) => {
    const current = version.version === program.currentVersion;
    const status: CarePlanActivityDetail['status'] = current ? 'in-progress' : 'stopped';
    const previous = program.versions[index - 1];
    if (version.savedBy) practitioners.set(version.savedBy.id, version.savedBy.name);
    const activity: CarePlanActivity[] = [
      ...version.items.map((item) => {
        const title = item.exerciseTitle ?? 'Exercise';
        return {
          detail: {
            kind: 'ServiceRequest' as const,
            code: {
              coding: [{ system: CODES.exercise, code: item.exerciseId, display: title }],
              text: title,
            },
            status,
            description: dosageText(item),
            ...(item.timesPerDay !== null
              ? {
                  scheduledTiming: {
                    repeat: { frequency: item.timesPerDay, period: 1, periodUnit: 'd' as const },
                  },
                }
              : {}),
            ...(item.reps !== null ? { quantity: { value: item.reps, unit: 'repetitions per set' } } : {}),
          },
        };
      }),
      ...version.education.map((article) => ({
        detail: {
          kind: 'CommunicationRequest' as const,
          code: {
            coding: [{ system: CODES.education, code: article.id, display: article.title ?? 'Education' }],
            text: article.title ?? 'Education',
          },
          status,
          description: 'Education to read',
        },
      })),
      ...version.outcomeMeasures.map((code) => ({
        detail: {
          kind: 'Task' as const,
          instantiatesCanonical: [questionnaireUrl({ measureCode: code, customMeasureId: null })],
          code: { text: `Outcome measure ${code}` },
          status,
        },
      })),
    ];
    return {
      resourceType: 'CarePlan',
      id: derivedId(program.id, `version-${version.version}`),
      identifier: [{ system: SID.program, value: `${program.id}/${version.version}` }],
      status: current ? (data.client.archivedAt === null ? 'active' : 'completed') : 'revoked',
      intent: 'plan',
      title: `Home exercise program, version ${version.version}`,
      subject: patient,
      created: version.savedAt,
      ...(version.savedBy ? { author: ref(version.savedBy.id, version.savedBy.name) } : {}),
      ...(previous ? { replaces: [ref(derivedId(program.id, `version-${previous.version}`))] } : {}),
      ...(version.note ? { note: [{ text: version.note }] } : {}),
      ...(activity.length > 0 ? { activity } : {}),
    } satisfies CarePlan;
  });
}

function adherenceObservations(data: ClientExport, patient: Reference<Patient>): Observation[] {
  const program = data.program;
  const titles = new Map(program?.versions.flatMap((v) => v.items.map((i) => [i.id, i.exerciseTitle])) ?? []);
  const count = (code: string, display: string, value: number | null): ObservationComponent[] =>
    value === null ? [] : [{ code: concept(CODES.adherence, code, display), valueInteger: value }];
  return data.adherence.map((entry) => {
    const title = titles.get(entry.programItemId) ?? null;
    const component: ObservationComponent[] = [
      ...count('sets-done', 'Sets done', entry.setsDone),
      ...count('reps-done', 'Repetitions done', entry.repsDone),
      ...(entry.holdSeconds === null
        ? []
        : [
            {
              code: concept(CODES.adherence, 'hold-seconds', 'Hold'),
              valueQuantity: { value: entry.holdSeconds, unit: 's', system: CODES.ucum, code: 's' },
            },
          ]),
      ...(entry.painLevel === null
        ? []
        : [
            {
              code: concept(
                CODES.loinc,
                '72514-3',
                'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
              ),
              valueInteger: entry.painLevel,
            },
          ]),
    ];
    return {
      resourceType: 'Observation',
      id: entry.id,
      identifier: [{ system: SID.adherence, value: entry.clientEntryId }],
      ...(program ? { basedOn: [ref(derivedId(program.id, `version-${entry.programVersion}`))] } : {}),
      status: 'final',
      category: [concept(CODES.category, 'activity', 'Activity')],
      code: {
        coding: [{ system: CODES.adherence, code: 'exercise-performed', display: 'Home exercise performed' }],
        text: title ? `Home exercise performed: ${title}` : 'Home exercise performed',
      },
      subject: patient,
      effectiveDateTime: entry.date,
      issued: entry.receivedAt,
      ...(component.length > 0 ? { component } : {}),
      ...(entry.comment ? { note: [{ text: entry.comment }] } : {}),
    } satisfies Observation;
  });
}

function outcomeResources(
  data: ClientExport,
  patient: Reference<Patient>,
  practitioners: Map<string, string>,
) {
  const resources: (QuestionnaireResponse | Observation)[] = [];
  for (const response of data.outcomes.responses) {
    const instrument = response.measureCode !== null ? instrumentByCode(response.measureCode) : undefined;
    const name = response.measureName ?? response.measureCode ?? 'Outcome measure';
    const item: QuestionnaireResponseItem[] = response.answers.map((value, index) => {
      const definition = instrument?.items[index];
      const activity = response.activities?.[index];
      const text = activity ?? definition?.text?.en;
      return {
        linkId: definition?.id ?? String(index + 1),
        ...(text ? { text } : {}),
        ...(value === null
          ? {}
          : { answer: [Number.isInteger(value) ? { valueInteger: value } : { valueDecimal: value }] }),
      };
    });
    if (response.enteredBy !== null)
      practitioners.set(response.enteredBy, practitioners.get(response.enteredBy) ?? '');
    const author: Reference<Patient | Practitioner> =
      response.enteredBy !== null ? ref<Practitioner>(response.enteredBy) : patient;
    resources.push({
      resourceType: 'QuestionnaireResponse',
      id: response.id,
      questionnaire: questionnaireUrl(response),
      status: 'completed',
      subject: patient,
      authored: response.takenAt,
      author,
      source: response.source === 'patient' ? patient : author,
      ...(item.length > 0 ? { item } : {}),
    });
    const { score } = response;
    const interpretation = [score.band, ...score.flags].filter((text): text is string => Boolean(text));
    resources.push({
      resourceType: 'Observation',
      id: derivedId(response.id, 'score'),
      status: 'final',
      category: [concept(CODES.category, 'survey', 'Survey')],
      code: {
        coding: [{ system: questionnaireUrl(response), code: 'total', display: `${name} score` }],
        text: `${name} score`,
      },
      subject: patient,
      effectiveDateTime: response.takenAt,
      derivedFrom: [ref(response.id)],
      ...(score.total !== null
        ? { valueQuantity: { value: score.total } }
        : {
            dataAbsentReason: concept(
              'http://terminology.hl7.org/CodeSystem/data-absent-reason',
              'not-applicable',
              'Not Applicable',
            ),
          }),
      ...(interpretation.length > 0 ? { interpretation: interpretation.map((text) => ({ text })) } : {}),
      ...(score.subscales
        ? {
            component: Object.entries(score.subscales).map(([key, value]) => ({
              code: { coding: [{ system: questionnaireUrl(response), code: key }], text: key },
              valueQuantity: { value },
            })),
          }
        : {}),
    });
  }
  return resources;
}

const MESSAGE_CATEGORY: Record<Exclude<ClientExport['messages'][number]['kind'], 'text'>, string> = {
  exercise_feedback: 'Exercise feedback',
  correction_request: 'Request to correct the record',
};

function communicationsOf(
  data: ClientExport,
  patient: Reference<Patient>,
  practitioners: Map<string, string>,
) {
  const practice = ref<Organization>(data.practice.id, data.practice.name);
  return data.messages.map((message): Communication => {
    if (message.authorPractitioner)
      practitioners.set(message.authorPractitioner.id, message.authorPractitioner.name);
    const staff: Reference<Practitioner | Organization> = message.authorPractitioner
      ? ref<Practitioner>(message.authorPractitioner.id, message.authorPractitioner.name)
      : practice;
    const fromClient = message.author === 'client';
    return {
      resourceType: 'Communication',
      id: message.id,
      status: 'completed',
      ...(message.kind === 'text' ? {} : { category: [{ text: MESSAGE_CATEGORY[message.kind] }] }),
      subject: patient,
      ...(message.adherenceEntryId ? { about: [ref(message.adherenceEntryId)] } : {}),
      sent: message.sentAt,
      ...(message.readAt ? { received: message.readAt } : {}),
      sender: fromClient ? patient : staff,
      recipient: [fromClient ? practice : patient],
      payload: [{ contentString: message.body }],
    };
  });
}

/** The client's export as a FHIR R4 collection Bundle. */
export function toFhirBundle(data: ClientExport): Bundle {
  const patient = ref<Patient>(data.client.id, `${data.client.firstName} ${data.client.lastName}`);
  const practitioners = new Map<string, string>();
  const resources: Resource[] = [patientOf(data)];
  if (data.client.diagnosisCode)
    resources.push({
      resourceType: 'Condition',
      id: derivedId(data.client.id, 'diagnosis'),
      code: {
        coding: [{ system: CODES.icd10, code: data.client.diagnosisCode }],
        text: data.client.diagnosisCode,
      },
      subject: patient,
    } satisfies Condition);
  resources.push(...carePlansOf(data, patient, practitioners));
  resources.push(...adherenceObservations(data, patient));
  resources.push(...outcomeResources(data, patient, practitioners));
  resources.push(...communicationsOf(data, patient, practitioners));
  resources.push({
    resourceType: 'Organization',
    id: data.practice.id,
    name: data.practice.name,
  } satisfies Organization);
  for (const [id, name] of practitioners)
    resources.push({
      resourceType: 'Practitioner',
      id,
      ...(name ? { name: [{ text: name }] } : {}),
    } satisfies Practitioner);
  const entry: BundleEntry[] = resources.map((resource) => ({
    fullUrl: `urn:uuid:${resource.id}`,
    resource,
  }));
  return {
    resourceType: 'Bundle',
    id: derivedId(data.client.id, `export-${data.exportedAt}`),
    meta: { lastUpdated: data.exportedAt },
    type: 'collection',
    timestamp: data.exportedAt,
    entry,
  };
}
