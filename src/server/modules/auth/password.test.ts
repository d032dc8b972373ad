import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hashing.js';
import { checkPassword, PASSWORD_MAX_LENGTH, passwordMessages } from './password-rules.js';

const person = { email: 'ana.lindqvist@example.se', firstName: 'Ana', lastName: 'Lindqvist' };

describe('password rules', () => {
  it('accepts a long passphrase with no composition rules', () => {
    expect(checkPassword('cobalt kettle umbrella', person)).toBeUndefined();
    expect(checkPassword('alllowercaseletters', person)).toBeUndefined();
  });

  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(checkPassword('short pass!', person)).toBe('too_short');
    expect(checkPassword('äöüäöüäöüäöü', person)).toBeUndefined();
    expect(checkPassword('🦵🦵🦵🦵🦵🦵🦵🦵🦵🦵🦵', person)).toBe('too_short');
  });

  it('refuses more than 128 characters instead of truncating', () => {
    expect(checkPassword(`${'x'.repeat(PASSWORD_MAX_LENGTH)}y`, person)).toBe('too_long');
    expect(checkPassword(`${'knee '.repeat(24)}ankle`, person)).toBeUndefined(); // 125 characters
  });

  it('refuses common and breached passwords from the offline list, in any case', () => {
    expect(checkPassword('password1234', person)).toBe('common');
    expect(checkPassword('PASSWORD1234', person)).toBe('common');
    expect(checkPassword('qwertyuiopasdfghjkl', person)).toBe('common');
  });

  it('refuses a password that contains the email or its name part', () => {
    expect(checkPassword('my ana.lindqvist@example.se!', person)).toBe('contains_email');
    expect(checkPassword('ANA.LINDQVIST rocks 2026', person)).toBe('contains_email');
  });

  it('refuses a password that contains the first or last name, ignoring case and accents', () => {
    expect(checkPassword('Lîndqvist forever and ever', { ...person, email: 'x@example.se' })).toBe(
      'contains_name',
    );
    expect(checkPassword('hello ANA from the clinic', { ...person, email: 'x@example.se' })).toBe(
      'contains_name',
    );
  });

  it('has a message for every refusal that says what to do', () => {
    for (const message of Object.values(passwordMessages)) expect(message).toMatch(/\w{3,}.*\./);
  });
});

describe('password hashing', () => {
  it('hashes with argon2id at m=19456 KiB, t=2, p=1 and a random salt', async () => {
    const first = await hashPassword('cobalt kettle umbrella');
    const second = await hashPassword('cobalt kettle umbrella');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('cobalt');
  });

  it('verifies the right password, including its Unicode-normalised form, and refuses others', async () => {
    const stored = await hashPassword('Ångström knee brace');
    expect(await verifyPassword(stored, 'Ångström knee brace')).toBe(true);
    expect(await verifyPassword(stored, 'A\u030angstro\u0308m knee brace')).toBe(true);
    expect(await verifyPassword(stored, 'Ångström knee brac')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
  });
});
