/** The text messages we send: short, and never health data. */
export type SmsTemplate = 'access_code';
export type SmsLanguage = 'en' | 'de';

type Params = Record<string, string>;

const templates: Record<SmsTemplate, Record<SmsLanguage, (params: Params) => string>> = {
  // The practice, the code and where to enter it; nothing of the program.
  access_code: {
    en: (p) => `${p.practiceName}: your Rehabit access code is ${p.accessCode}. Enter it at ${p.link}`,
    de: (p) =>
      `${p.practiceName}: Ihr Rehabit-Zugangscode ist ${p.accessCode}. Geben Sie ihn hier ein: ${p.link}`,
  },
};

export function renderSms(template: SmsTemplate, language: SmsLanguage, params: Params): string {
  return templates[template][language](params);
}

export const isSmsTemplate = (value: string): value is SmsTemplate => value in templates;
