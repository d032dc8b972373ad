import { randomUUID } from 'node:crypto';
import type { Role } from '../../db/schema/index.js';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import { forbidden } from '../../platform/auth-context/auth-context.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { AppError } from '../../platform/errors.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { requireClient } from '../clients/clients.service.js';
import {
  draftFrom,
  type Language,
  loadExercises,
  type ProgramExercise,
  type ResolvedContent,
  resolveContent,
} from './program-content.js';
import { createProgramRecords } from './program-records.js';
import { canEditTemplate, contentNotTransferable, noProgram, templateNotFound } from './programs.policy.js';
import type { CreateTemplateInput, SaveAsTemplateInput, UpdateTemplateInput } from './programs.schema.js';
import { textLanguage } from './programs.service.js';
import {
  deleteTemplate,
  findVisibleTemplate,
  insertTemplate,
  listVisibleTemplates,
  type TemplateRow,
  updateTemplate,
} from './templates.repo.js';

/** A signed-in clinician: templates belong to members, an integration only reads the shared ones. */
export type TemplateMember = ClinicalCaller & { practitionerId: string; role: Role };

/** A template with what the caller may do with it; exercises only when one template is read. */
export interface TemplateView {
  row: TemplateRow;
  owner: { id: string; name: string } | null;
  mine: boolean;
  canEdit: boolean;
  exercises: Map<string, ProgramExercise>;
}

export interface TemplatesService {
  list(caller: ClinicalCaller): Promise<TemplateView[]>;
  get(caller: ClinicalCaller, id: string, lang?: Language): Promise<TemplateView>;
  create(member: TemplateMember, input: CreateTemplateInput, lang?: Language): Promise<TemplateView>;
  update(
    member: TemplateMember,
    id: string,
    input: UpdateTemplateInput,
    lang?: Language,
  ): Promise<TemplateView>;
  remove(member: TemplateMember, id: string): Promise<void>;
  /** The client's current program as a new template: exercises and dosage, never notes (client data). */
  saveFromProgram(
    member: TemplateMember,
    clientId: string,
    input: SaveAsTemplateInput,
    lang?: Language,
  ): Promise<TemplateView>;
}

type FoundTemplate = NonNullable<Awaited<ReturnType<typeof findVisibleTemplate>>>;

const noRules = { knownItemIds: new Set<string>(), currentExerciseIds: new Set<string>(), clientId: null };

export function createTemplatesService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
}): TemplatesService {
  const { transactor, audit, cipher, clock } = deps;
  const records = createProgramRecords({ cipher, clock });

  const record = (tx: Tx, caller: ClinicalCaller, action: string, subject: { type: string; id: string }) =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: caller.actor,
      action,
      subject,
      outcome: 'success',
      ip: caller.ip,
      userAgent: caller.userAgent,
    });

  async function view(
    tx: Tx,
    caller: ClinicalCaller,
    found: FoundTemplate,
    lang?: Language,
  ): Promise<TemplateView> {
    const { template } = found;
    const { practitionerId, role } = caller;
    return {
      row: template,
      owner:
        template.ownerId === null
          ? null
          : {
              id: template.ownerId,
              name: `${found.ownerFirstName ?? ''} ${found.ownerLastName ?? ''}`.trim(),
            },
      mine: template.ownerId !== null && template.ownerId === caller.practitionerId,
      // An integration (no member) reads shared templates but edits none.
      canEdit:
        practitionerId !== null && role !== null && canEditTemplate({ practitionerId, role }, template),
      exercises: lang
        ? await loadExercises(
            tx,
            template.content.items.map((item) => item.exerciseId),
            lang,
          )
        : new Map(),
    };
  }

  async function requireTemplate(tx: Tx, caller: ClinicalCaller, id: string) {
    const found = await findVisibleTemplate(tx, caller.practiceId, caller.practitionerId, id);
    if (!found) throw templateNotFound();
    return found;
  }

  async function reread(tx: Tx, caller: ClinicalCaller, id: string, lang?: Language) {
    return view(tx, caller, await requireTemplate(tx, caller, id), await textLanguage(tx, caller, lang));
  }

  async function insert(
    tx: Tx,
    member: TemplateMember,
    fields: SaveAsTemplateInput,
    resolved: ResolvedContent,
  ) {
    const id = randomUUID();
    const now = clock.now();
    await insertTemplate(tx, {
      id,
      practiceId: member.practiceId,
      ownerId: member.practitionerId,
      shared: fields.shared,
      name: fields.name,
      description: fields.description,
      content: resolved.content,
      itemNotes: resolved.itemNotes,
      createdAt: now,
      updatedAt: now,
    });
    await record(tx, member, 'template.create', { type: 'program_template', id });
    return id;
  }

  return {
    list: (caller) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const rows = await listVisibleTemplates(tx, caller.practiceId, caller.practitionerId);
        return Promise.all(rows.map((row) => view(tx, caller, row)));
      }),

    get: (caller, id, lang) => transactor.inPractice(caller.practiceId, (tx) => reread(tx, caller, id, lang)),

    create: (member, input, lang) =>
      transactor.inPractice(member.practiceId, async (tx) => {
        const resolved = await resolveContent(tx, member.practiceId, input, noRules);
        return reread(tx, member, await insert(tx, member, input, resolved), lang);
      }),

    update: (member, id, input, lang) =>
      transactor.inPractice(member.practiceId, async (tx) => {
        const { template } = await requireTemplate(tx, member, id);
        if (!canEditTemplate(member, template))
          throw forbidden(
            'Only whoever made this template, or the practice owner for a shared one, can change it.',
          );
        const { content } = template;
        const resolved = await resolveContent(
          tx,
          member.practiceId,
          {
            items:
              input.items ??
              draftFrom(content, template.itemNotes).items.map((item, index) => ({
                ...item,
                id: content.items[index]?.id,
              })),
            educationIds: input.educationIds ?? content.educationIds,
            outcomeMeasures: input.outcomeMeasures ?? content.outcomeMeasures,
          },
          {
            knownItemIds: new Set(content.items.map((item) => item.id)),
            currentExerciseIds: new Set(content.items.map((item) => item.exerciseId)),
            clientId: null,
          },
        );
        await updateTemplate(tx, member.practiceId, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.shared !== undefined ? { shared: input.shared } : {}),
          content: resolved.content,
          itemNotes: resolved.itemNotes,
          updatedAt: clock.now(),
        });
        await record(tx, member, 'template.update', { type: 'program_template', id });
        return reread(tx, member, id, lang);
      }),

    remove: (member, id) =>
      transactor.inPractice(member.practiceId, async (tx) => {
        const { template } = await requireTemplate(tx, member, id);
        if (!canEditTemplate(member, template))
          throw forbidden(
            'Only whoever made this template, or the practice owner for a shared one, can delete it.',
          );
        await deleteTemplate(tx, member.practiceId, id);
        await record(tx, member, 'template.delete', { type: 'program_template', id });
      }),

    saveFromProgram: (member, clientId, input, lang) =>
      transactor.inPractice(member.practiceId, async (tx) => {
        await requireClient(tx, member.practiceId, clientId);
        const program = await records.current(tx, member.practiceId, clientId, 'en');
        if (!program) throw noProgram();
        await record(tx, member, 'program.save_as_template', { type: 'client', id: clientId });
        let resolved: ResolvedContent;
        try {
          resolved = await resolveContent(tx, member.practiceId, draftFrom(program.content), noRules);
        } catch (error) {
          if (error instanceof AppError && error.code === 'validation_failed')
            throw contentNotTransferable('template', error.details);
          throw error;
        }
        return reread(tx, member, await insert(tx, member, input, resolved), lang);
      }),
  };
}
