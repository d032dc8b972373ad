import {
  BODY_REGIONS,
  type BodyRegion,
  DIFFICULTIES,
  EQUIPMENT,
  type Equipment,
  POSITIONS,
  type Position,
} from '../../src/server/modules/library/exercise-tags.js';
import type { ExerciseText } from '../../src/server/modules/library/exercise-texts.js';

// A large exercise library built from word lists, in English and German, so that word frequencies
// look like a real library's: a few very common words (shoulder, stretch) and a long tail.

type Pair = readonly [en: string, de: string];

// biome-ignore format: word lists read better packed
const PARTS: Record<BodyRegion, Pair[]> = {
  neck: [['neck', 'Nacken'], ['cervical spine', 'Halswirbelsäule'], ['upper trapezius', 'oberer Trapezius'], ['deep neck flexor', 'tiefe Halsbeuger'], ['jaw', 'Kiefer']],
  shoulder: [['shoulder', 'Schulter'], ['shoulder blade', 'Schulterblatt'], ['rotator cuff', 'Rotatorenmanschette'], ['upper arm', 'Oberarm'], ['chest', 'Brust']],
  elbow_wrist_hand: [['elbow', 'Ellenbogen'], ['wrist', 'Handgelenk'], ['forearm', 'Unterarm'], ['finger', 'Finger'], ['thumb', 'Daumen'], ['grip', 'Griff']],
  thoracic_spine: [['upper back', 'oberer Rücken'], ['thoracic spine', 'Brustwirbelsäule'], ['rib cage', 'Brustkorb'], ['posture', 'Haltung']],
  lumbar_spine: [['lower back', 'unterer Rücken'], ['lumbar spine', 'Lendenwirbelsäule'], ['pelvis', 'Becken'], ['core', 'Rumpf'], ['abdominal', 'Bauchmuskel']],
  hip: [['hip', 'Hüfte'], ['glute', 'Gesäß'], ['hip flexor', 'Hüftbeuger'], ['adductor', 'Adduktoren'], ['piriformis', 'Piriformis']],
  knee: [['knee', 'Knie'], ['quadriceps', 'Quadrizeps'], ['hamstring', 'Oberschenkelrückseite'], ['kneecap', 'Kniescheibe'], ['thigh', 'Oberschenkel']],
  ankle_foot: [['ankle', 'Sprunggelenk'], ['calf', 'Wade'], ['foot', 'Fuß'], ['heel', 'Ferse'], ['toe', 'Zehen'], ['arch', 'Fußgewölbe']],
  balance: [['balance', 'Gleichgewicht'], ['single leg', 'Einbein'], ['tandem', 'Tandem'], ['stance', 'Standbein'], ['gait', 'Gang']],
  general: [['whole body', 'Ganzkörper'], ['endurance', 'Ausdauer'], ['breathing', 'Atmung'], ['circulation', 'Kreislauf'], ['fitness', 'Fitness']],
};

// biome-ignore format: word lists read better packed
const MOVEMENTS: Pair[] = [
  ['stretch', 'Dehnung'], ['rotation', 'Rotation'], ['extension', 'Streckung'], ['flexion', 'Beugung'],
  ['raise', 'Heben'], ['press', 'Drücken'], ['curl', 'Curl'], ['slide', 'Gleiten'], ['hold', 'Halten'],
  ['squeeze', 'Anspannen'], ['circles', 'Kreisen'], ['mobilisation', 'Mobilisation'], ['strengthening', 'Kräftigung'],
  ['isometric hold', 'isometrische Spannung'], ['abduction', 'Abspreizen'], ['bridge', 'Brücke'], ['squat', 'Kniebeuge'],
  ['lunge', 'Ausfallschritt'], ['march', 'Marschieren'], ['reach', 'Greifen'], ['tilt', 'Kippen'], ['glide', 'Gleitbewegung'],
];

// biome-ignore format: word lists read better packed
const MODIFIERS: Pair[] = [
  ['gentle', 'sanfte'], ['active', 'aktive'], ['assisted', 'assistierte'], ['progressive', 'progressive'],
  ['dynamic', 'dynamische'], ['controlled', 'kontrollierte'], ['slow', 'langsame'], ['resisted', 'Widerstands-'],
  ['eccentric', 'exzentrische'], ['alternating', 'wechselseitige'], ['', ''], ['', ''],
];

const EQUIPMENT_WORDS: Record<Equipment, Pair> = {
  none: ['', ''],
  resistance_band: ['with band', 'mit Band'],
  dumbbell: ['with dumbbell', 'mit Kurzhantel'],
  kettlebell: ['with kettlebell', 'mit Kettlebell'],
  ankle_weight: ['with ankle weight', 'mit Gewichtsmanschette'],
  towel: ['with towel', 'mit Handtuch'],
  chair: ['on a chair', 'auf dem Stuhl'],
  wall: ['at the wall', 'an der Wand'],
  step: ['on a step', 'auf der Stufe'],
  table: ['at the table', 'am Tisch'],
  bench: ['on a bench', 'auf der Bank'],
  mat: ['on the mat', 'auf der Matte'],
  exercise_ball: ['on the exercise ball', 'auf dem Gymnastikball'],
  small_ball: ['with small ball', 'mit kleinem Ball'],
  foam_roller: ['on the foam roller', 'auf der Schaumstoffrolle'],
  stick: ['with a stick', 'mit Stab'],
  pillow: ['with a pillow', 'mit Kissen'],
  balance_pad: ['on a balance pad', 'auf dem Balancekissen'],
  putty: ['with putty', 'mit Knetmasse'],
  water_bottle: ['with a water bottle', 'mit Wasserflasche'],
  door_frame: ['in a door frame', 'im Türrahmen'],
  bed: ['in bed', 'im Bett'],
};

const POSITION_WORDS: Record<Position, Pair> = {
  standing: ['standing', 'im Stand'],
  sitting: ['sitting', 'im Sitzen'],
  lying_back: ['lying on your back', 'in Rückenlage'],
  lying_front: ['lying on your front', 'in Bauchlage'],
  lying_side: ['lying on your side', 'in Seitlage'],
  kneeling: ['kneeling', 'im Knien'],
  four_point: ['on hands and knees', 'im Vierfüßlerstand'],
  half_kneeling: ['half kneeling', 'im Halbknien'],
};

// biome-ignore format: word lists read better packed
const PURPOSES: Pair[] = [
  ['Improves mobility of the', 'Verbessert die Beweglichkeit von'], ['Builds strength in the', 'Kräftigt'],
  ['Eases stiffness and pain in the', 'Lindert Steifigkeit und Schmerzen in'], ['Trains control of the', 'Schult die Kontrolle über'],
  ['Restores range of motion of the', 'Stellt den Bewegungsumfang wieder her für'], ['Strengthens the muscles around the', 'Kräftigt die Muskulatur um'],
];

// biome-ignore format: word lists read better packed
const CONTEXTS: Pair[] = [
  ['after surgery or injury', 'nach Operation oder Verletzung'], ['for everyday activities', 'für Alltagsaktivitäten'],
  ['in early rehabilitation', 'in der frühen Rehabilitation'], ['for return to sport', 'für die Rückkehr zum Sport'],
  ['for older adults', 'für ältere Menschen'], ['when sitting for long periods', 'bei langem Sitzen'],
];

// biome-ignore format: word lists read better packed
const STEPS: Pair[] = [
  ['Start in a comfortable position and breathe calmly.', 'Beginnen Sie in einer bequemen Position und atmen Sie ruhig.'],
  ['Move slowly to the end of the comfortable range.', 'Bewegen Sie sich langsam bis an das Ende des angenehmen Bereichs.'],
  ['Hold briefly, then return to the start.', 'Halten Sie kurz und kehren Sie dann zum Anfang zurück.'],
  ['Keep your back straight and your shoulders relaxed.', 'Halten Sie den Rücken gerade und die Schultern locker.'],
  ['Stop if the pain increases sharply.', 'Hören Sie auf, wenn der Schmerz deutlich zunimmt.'],
  ['Repeat on the other side.', 'Wiederholen Sie die Übung auf der anderen Seite.'],
  ['Tighten your tummy muscles gently before you move.', 'Spannen Sie vor der Bewegung sanft die Bauchmuskeln an.'],
];

/** A small deterministic generator, so every run loads the same library. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticExercise {
  bodyRegion: BodyRegion;
  equipment: Equipment[];
  position: Position;
  difficulty: (typeof DIFFICULTIES)[number];
  en: ExerciseText;
  de: ExerciseText;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const phrase = (...parts: string[]) => parts.filter(Boolean).join(' ');

/** One exercise from the word lists: every region, equipment and position turns up. */
export function syntheticExercise(random: () => number): SyntheticExercise {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const bodyRegion = pick(BODY_REGIONS);
  const part = pick(PARTS[bodyRegion]);
  const movement = pick(MOVEMENTS);
  const modifier = pick(MODIFIERS);
  const equipment = random() < 0.3 ? 'none' : pick(EQUIPMENT.filter((item) => item !== 'none'));
  const position = pick(POSITIONS);
  const purpose = pick(PURPOSES);
  const context = pick(CONTEXTS);
  const steps = [0, 1, 2, 3].map(() => pick(STEPS));
  const text = (lang: 0 | 1): ExerciseText => {
    const title =
      lang === 0
        ? phrase(modifier[0], part[0], movement[0], EQUIPMENT_WORDS[equipment][0])
        : phrase(modifier[1], part[1], movement[1], EQUIPMENT_WORDS[equipment][1]);
    return {
      title: `${capitalise(title)}, ${POSITION_WORDS[position][lang]}`,
      description: `${purpose[lang]} ${part[lang]} ${context[lang]}.`,
      instructions: steps.map((step, index) => `${index + 1}. ${step[lang]}`),
      keywords: [part[lang], movement[lang]],
    };
  };
  return {
    bodyRegion,
    equipment: [equipment],
    position,
    difficulty: pick(DIFFICULTIES),
    en: text(0),
    de: text(1),
  };
}

/** What practitioners type: single words, prefixes, typos, two words, German; some with filters. */
// biome-ignore format: a list of queries reads better packed
export const QUERY_MIX: { q: string; lang?: 'en' | 'de'; filters?: Record<string, string> }[] = [
  { q: 'shoulder' }, { q: 'knee' }, { q: 'bridge' }, { q: 'stretch' }, { q: 'hamstring' }, { q: 'calf raise' },
  { q: 'sholder' }, { q: 'hamstrng' }, { q: 'strech' }, { q: 'rotaton' }, { q: 'kne' }, { q: 'sho' },
  { q: 'knee extension' }, { q: 'hip abduction' }, { q: 'wrist flexion' }, { q: 'neck rotation' },
  { q: 'shoulder', filters: { equipment: 'resistance_band' } }, { q: 'stretch', filters: { bodyRegion: 'hip' } },
  { q: 'squat', filters: { difficulty: 'hard' } }, { q: 'balance', filters: { position: 'standing' } },
  { q: '', filters: { bodyRegion: 'knee', equipment: 'chair' } }, { q: '', filters: { bodyRegion: 'neck' } },
  { q: 'Schulter', lang: 'de' }, { q: 'Dehnung', lang: 'de' }, { q: 'Schultr', lang: 'de' }, { q: 'Knie Beugung', lang: 'de' },
  { q: 'Hüfte', lang: 'de', filters: { difficulty: 'easy' } }, { q: 'Wade Dehnng', lang: 'de' },
];
