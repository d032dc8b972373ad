import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, type Environment, loadConfig } from '../../config.js';
import { parseProcessorRegister } from './processor-register.js';
import { processorsOf } from './transparency.service.js';

const mailgun = {
  name: 'Mailgun EU',
  purpose: { en: 'Sends our email', de: 'Versendet unsere E-Mails' },
  location: 'Germany (EU)',
  dataCategories: ['practitioner_account', 'client_contact'],
  termsUrl: 'https://www.mailgun.com/legal/terms/',
  service: 'smtp',
};

function problemsOf(env: Environment): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the processor register (PROCESSORS)', () => {
  it('is empty by default', () => {
    expect(loadConfig({}).processors).toEqual([]);
  });

  it('reads an inline JSON array, a purpose in one language standing for both', () => {
    const sentry = { ...mailgun, name: 'Sentry', purpose: 'Error reports', service: 'error_tracking' };
    const config = loadConfig({ PROCESSORS: JSON.stringify([mailgun, sentry]) });
    expect(config.processors).toEqual([
      { ...mailgun, source: 'register' },
      { ...sentry, purpose: { en: 'Error reports', de: 'Error reports' }, source: 'register' },
    ]);
  });

  it('reads a JSON file named by its path, service defaulting to other', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rehabit-processors-')), 'processors.json');
    const { service: _, ...entry } = mailgun;
    writeFileSync(file, JSON.stringify([entry]));
    expect(loadConfig({ PROCESSORS: file }).processors).toMatchObject([
      { name: 'Mailgun EU', service: 'other' },
    ]);
  });

  it('names a file it cannot read', () => {
    expect(problemsOf({ PROCESSORS: '/nowhere/processors.json' })).toEqual([
      'PROCESSORS names a file that cannot be read: /nowhere/processors.json',
    ]);
  });

  it('refuses JSON that does not parse, and JSON that is not a list', () => {
    expect(problemsOf({ PROCESSORS: '[{"name": ' })[0]).toMatch(/^PROCESSORS is not valid JSON/);
    const [file] = [path.join(mkdtempSync(path.join(tmpdir(), 'rehabit-processors-')), 'p.json')];
    writeFileSync(file as string, '{"name": "x"}');
    expect(problemsOf({ PROCESSORS: file })).toEqual([
      'PROCESSORS must be a JSON array of processors, e.g. [{"name": …, "purpose": …, …}]',
    ]);
  });

  it('names each bad field of each entry, by position and name', () => {
    const problems = problemsOf({
      PROCESSORS: JSON.stringify([
        mailgun,
        { ...mailgun, name: 'Acme', dataCategories: ['client_contact', 'shoe_size'], termsUrl: 'ftp://x' },
        { name: 'Nameless', purpose: '', colour: 'red' },
      ]),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^PROCESSORS entry 2 \("Acme"\): dataCategories holds "shoe_size", which is not a data category; use: practitioner_account, /,
        ),
        'PROCESSORS entry 2 ("Acme"): termsUrl must be the address of its terms (https://…)',
        'PROCESSORS entry 3 ("Nameless"): purpose must not be empty',
        'PROCESSORS entry 3 ("Nameless"): location must be a text',
        'PROCESSORS entry 3 ("Nameless"): colour is not a field; the fields are name, purpose, location, dataCategories, termsUrl, service',
      ]),
    );
    expect(problems.some((problem) => problem.includes('entry 1'))).toBe(false);
  });

  it('reports register problems together with the other settings', () => {
    const problems = problemsOf({ PROCESSORS: '[1]', SMS_PROVIDER: 'twilio' });
    expect(problems.some((problem) => problem.startsWith('TWILIO_ACCOUNT_SID'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('PROCESSORS entry 1'))).toBe(true);
  });

  it('never throws for a value it cannot use (the config error lists it)', () => {
    expect(parseProcessorRegister('[null]').problems).toHaveLength(1);
  });
});

describe('processors derived from the mail and SMS settings', () => {
  it('adds the SMTP relay by its host (never its credentials) and a Twilio gateway', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://user:secret@mail.example.org:587',
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'token',
      SMS_FROM: '+441234567890',
    });
    const processors = processorsOf(config);
    expect(processors).toMatchObject([
      { name: 'Mail relay (mail.example.org)', service: 'smtp', source: 'derived', location: null },
      {
        name: 'Twilio (SMS)',
        service: 'sms',
        source: 'derived',
        dataCategories: ['client_contact', 'access_code'],
      },
    ]);
    expect(JSON.stringify(processors)).not.toContain('secret');
  });

  it('leaves them out when nothing is configured, or when the register lists them', () => {
    expect(processorsOf(loadConfig({}))).toEqual([]);
    const config = loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', PROCESSORS: JSON.stringify([mailgun]) });
    expect(processorsOf(config).map((entry) => entry.name)).toEqual(['Mailgun EU']);
  });

  it('names a Twilio-compatible gateway by its host', () => {
    const config = loadConfig({
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'token',
      SMS_FROM: 'Rehabit',
      TWILIO_API_URL: 'https://sms.example.net',
    });
    expect(processorsOf(config)).toMatchObject([{ name: 'SMS gateway (sms.example.net)', termsUrl: null }]);
  });
});
