import type { ProgramContent } from '../../db/schema/programs.js';
import type { ProgramExercise } from './program-content.js';
import type { ProgramView } from './program-records.js';
import type { VersionSummary } from './programs.service.js';
import type { TemplateView } from './templates.service.js';

function presentExercise(exercise: ProgramExercise | undefined) {
  if (!exercise) return null;
  return {
    id: exercise.id,
    source: exercise.source,
    title: exercise.title,
    description: exercise.description,
    bodyRegion: exercise.bodyRegion,
    equipment: exercise.equipment,
    position: exercise.position,
    difficulty: exercise.difficulty,
    archived: exercise.archived,
    thumbnailMediaId: exercise.thumbnailMediaId,
  };
}

/** Items with their dosage, notes and exercise: the shape programs and templates share. */
function presentItems(
  content: ProgramContent,
  notes: Record<string, string>,
  exercises: Map<string, ProgramExercise>,
) {
  return content.items.map((item) => ({
    id: item.id,
    exerciseId: item.exerciseId,
    sets: item.sets,
    reps: item.reps,
    holdSeconds: item.holdSeconds,
    restSeconds: item.restSeconds,
    timesPerDay: item.timesPerDay,
    daysPerWeek: item.daysPerWeek,
    side: item.side,
    load: item.load ?? null,
    notes: notes[item.id] ?? null,
    exercise: presentExercise(exercises.get(item.exerciseId)),
  }));
}

export function presentProgram(program: ProgramView) {
  return {
    id: program.programId,
    clientId: program.clientId,
    version: program.version,
    items: presentItems(program.content, program.itemNotes, program.exercises),
    educationIds: program.content.educationIds,
    outcomeMeasures: program.content.outcomeMeasures,
    note: program.note,
    updatedAt: program.savedAt.toISOString(),
    updatedBy: program.savedBy,
  };
}

export const presentVersion = (version: VersionSummary) => ({
  ...version,
  createdAt: version.createdAt.toISOString(),
});

export function presentTemplateSummary(template: TemplateView) {
  const { row } = template;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    shared: row.shared,
    owner: template.owner,
    mine: template.mine,
    canEdit: template.canEdit,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    itemCount: row.content.items.length,
  };
}

export function presentTemplate(template: TemplateView) {
  const { itemCount: _count, ...summary } = presentTemplateSummary(template);
  const { row } = template;
  return {
    ...summary,
    items: presentItems(row.content, row.itemNotes, template.exercises),
    educationIds: row.content.educationIds,
    outcomeMeasures: row.content.outcomeMeasures,
  };
}
