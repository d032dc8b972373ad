import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  type MantineColorsTuple,
} from '@mantine/core';

/** Brand colour: teal 9, which keeps white text at 5:1 contrast (WCAG AA). Also the PWA theme colour. */
export const brandColor = '#087f5b';

// Mantine's teal, except shade 8: a filled button of shade 9 turns shade 8 on hover, and stock teal 8
// gives white text only 3.9:1. A darker 8 keeps AA contrast hovered too. And shade 1, the background
// of light variants (the current navigation link) under shade 9 text: teal 1 gives 4.3:1, teal 0 4.7:1.
const [t0, , t2, t3, t4, t5, t6, t7] = DEFAULT_THEME.colors.teal;
const brand: MantineColorsTuple = [t0, t0, t2, t3, t4, t5, t6, t7, '#066649', brandColor];

// Mantine's yellow, except shade 9: the text of light yellow alerts (a notice's title) on shade 1 has
// only 2.7:1 in stock yellow 9; this amber has 5:1.
const [y0, y1, y2, y3, y4, y5, y6, y7, y8] = DEFAULT_THEME.colors.yellow;
const yellow: MantineColorsTuple = [y0, y1, y2, y3, y4, y5, y6, y7, y8, '#a35200'];

/** The Mantine theme shared by the practitioner workspace and the patient app. */
export const theme = createTheme({
  colors: { brand, yellow },
  primaryColor: 'brand',
  primaryShade: { light: 9, dark: 7 },
  autoContrast: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});

/**
 * Mantine's "dimmed" text is gray 6, 3.3:1 on white: too faint for small print (WCAG AA wants 4.5:1).
 * This grey has 5.3:1 on white and 4.9:1 on the light grey and teal backgrounds, and still reads as
 * secondary (gray 7 would be 8:1), so every `c="dimmed"` in both apps passes. Field errors likewise:
 * Mantine's red 6 has 3.3:1, red 9 5.5:1.
 */
const DIMMED = '#656d75';

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': DIMMED, '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
