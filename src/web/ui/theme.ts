import { createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

/** Brand colour: teal 9, which keeps white text at 5:1 contrast (WCAG AA). Also the PWA theme colour. */
export const brandColor = '#087f5b';

// Mantine's teal, except shade 8: a filled button of shade 9 turns shade 8 on hover, and stock teal 8
// gives white text only 3.9:1. A darker 8 keeps AA contrast hovered too.
const [t0, t1, t2, t3, t4, t5, t6, t7] = DEFAULT_THEME.colors.teal;
const brand: MantineColorsTuple = [t0, t1, t2, t3, t4, t5, t6, t7, '#066649', brandColor];

/** The Mantine theme shared by the practitioner workspace and the patient app. */
export const theme = createTheme({
  colors: { brand },
  primaryColor: 'brand',
  primaryShade: { light: 9, dark: 7 },
  autoContrast: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});
