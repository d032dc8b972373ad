import { z } from 'zod';

// The fixed vocabularies of an exercise, shared by the shipped content, custom exercises and the UI's
// filters. Stored as these codes; the UI translates them.

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

// biome-ignore format: lists read better packed than one per line
export const BODY_REGIONS = [
  'neck', 'shoulder', 'elbow_wrist_hand', 'thoracic_spine', 'lumbar_spine', 'hip', 'knee', 'ankle_foot',
  'balance', 'general',
] as const;

// biome-ignore format: lists read better packed than one per line
export const EQUIPMENT = [
  'none', 'resistance_band', 'dumbbell', 'kettlebell', 'ankle_weight', 'towel', 'chair', 'wall', 'step',
  'table', 'bench', 'mat', 'exercise_ball', 'small_ball', 'foam_roller', 'stick', 'pillow', 'balance_pad',
  'putty', 'water_bottle', 'door_frame', 'bed',
] as const;

// biome-ignore format: lists read better packed than one per line
export const POSITIONS = [
  'standing', 'sitting', 'lying_back', 'lying_front', 'lying_side', 'kneeling', 'four_point', 'half_kneeling',
] as const;

export const DIFFICULTIES = ['easy', 'moderate', 'hard'] as const;

// biome-ignore format: lists read better packed than one per line
export const CONTRAINDICATIONS = [
  'recent_surgery', 'acute_fracture', 'acute_inflammation', 'severe_osteoporosis', 'pregnancy_late',
  'uncontrolled_hypertension', 'vertigo_dizziness', 'cervical_instability', 'acute_neck_injury',
  'shoulder_instability', 'acute_rotator_cuff_tear', 'lumbar_flexion_intolerance',
  'lumbar_extension_intolerance', 'radiating_leg_pain', 'hip_replacement_precautions',
  'knee_replacement_early', 'acute_ankle_sprain', 'poor_balance_unsupervised', 'wrist_fracture_healing',
  'open_wounds', 'cardiac_condition_unstable',
] as const;

export const SIDES = ['both', 'left', 'right', 'alternate'] as const;

export type BodyRegion = (typeof BODY_REGIONS)[number];
export type Equipment = (typeof EQUIPMENT)[number];
export type Position = (typeof POSITIONS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type Contraindication = (typeof CONTRAINDICATIONS)[number];

export const language = z.enum(LANGUAGES);
export const bodyRegion = z.enum(BODY_REGIONS);
export const equipmentItem = z.enum(EQUIPMENT);
export const position = z.enum(POSITIONS);
export const difficulty = z.enum(DIFFICULTIES);
export const contraindication = z.enum(CONTRAINDICATIONS);

/** "none" means no equipment at all, so it cannot stand beside a piece of equipment. */
export const equipmentList = z
  .array(equipmentItem)
  .min(1)
  .refine((items) => !items.includes('none') || items.length === 1, {
    message: '"none" cannot be combined with other equipment.',
  })
  .refine((items) => new Set(items).size === items.length, { message: 'Equipment is listed twice.' });

const count = (max: number) => z.number().int().min(0).max(max).nullable();

export const dosage = z.object({
  sets: count(20),
  reps: count(200),
  holdSeconds: count(3600),
  restSeconds: count(3600),
  timesPerDay: count(12),
  daysPerWeek: count(7),
  side: z.enum(SIDES).nullable(),
  load: z.string().trim().max(100).nullable().optional(),
});

/** The full-text configuration of each language: stemming and stop words of that language. */
export const SEARCH_CONFIG: Record<Language, 'english' | 'german'> = { en: 'english', de: 'german' };
