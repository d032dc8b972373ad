// The questionnaire flow's rules, pure so they are unit-tested: which screens a questionnaire has,
// what each asks, and the answers it sends.
import type { DueQuestionnaire, PatientItem } from './questionnairesApi.js';

/** One screen of the flow: a question and how it is answered. */
export interface Step {
  index: number;
  question: string;
  preamble: string | null;
  /** Labelled choices, or the whole numbers of a scale (0–10) as buttons; null: typed. */
  choices: { value: number; label: string | null }[] | null;
  anchors: { min: string | null; max: string | null } | null;
  min: number;
  max: number;
  /** Unscored items (PHQ-9 item 10) may be left out. */
  required: boolean;
}

// Up to this many whole numbers show as buttons (0–10 scales); more are typed.
const MAX_BUTTONS = 11;

function choicesOf(item: PatientItem): Step['choices'] {
  if (item.options) return item.options;
  const count = item.max - item.min + 1;
  if (!Number.isInteger(item.min) || !Number.isInteger(item.max) || count > MAX_BUTTONS) return null;
  return Array.from({ length: count }, (_, index) => ({ value: item.min + index, label: null }));
}

/** The screens of a due questionnaire: one per item; for the PSFS one per activity it rates. */
export function stepsOf(due: DueQuestionnaire): Step[] {
  const { measure } = due;
  const template = measure.items[0];
  if (due.activities && template)
    return due.activities.map((activity, index) => ({
      index,
      question: activity,
      preamble: null,
      choices: choicesOf(template),
      anchors: template.anchors,
      min: template.min,
      max: template.max,
      required: true,
    }));
  return measure.items.map((item, index) => ({
    index,
    // A scale without item text (the NPRS) asks by its instructions, or its name.
    question: item.text ?? measure.instructions ?? measure.name,
    preamble: item.preamble,
    choices: choicesOf(item),
    anchors: item.anchors,
    min: item.min,
    max: item.max,
    required: item.scored,
  }));
}

/** Whether a value answers the step (a whole or decimal number within its range). */
export function answers(step: Step, value: number | null | undefined): boolean {
  if (value === null || value === undefined || !Number.isFinite(value)) return false;
  return value >= step.min && value <= step.max;
}

/** The first screen still to answer, or the review (steps.length) when every required one is. */
export function resumeAt(steps: readonly Step[], values: readonly (number | null)[]): number {
  const open = steps.findIndex((step) => step.required && !answers(step, values[step.index]));
  return open === -1 ? steps.length : open;
}

/** The answers to send, one per screen in order (null for a skipped optional one). */
export function answersToSend(steps: readonly Step[], values: readonly (number | null)[]): (number | null)[] {
  return steps.map((step) => {
    const value = values[step.index];
    return answers(step, value) ? (value ?? null) : null;
  });
}

/** PHQ-9 item 9 (thoughts of self-harm) answered above 0: after sending, where to get help now. */
export function needsSafetyMessage(measure: string, values: readonly (number | null)[]): boolean {
  return measure === 'PHQ-9' && (values[8] ?? 0) > 0;
}
