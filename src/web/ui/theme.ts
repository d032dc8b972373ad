import { createTheme } from '@mantine/core';

/** Brand colour: teal 9, which keeps white text at 5:1 contrast (WCAG AA). Also the PWA theme colour. */
export const brandColor = '#087f5b';

/** The Mantine theme shared by the practitioner workspace and the patient app. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 7 },
  autoContrast: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});
