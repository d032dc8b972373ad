import { describe, expect, it } from 'vitest';
import { passwordMessages } from '../../server/modules/auth/password-rules.js';
import commonDe from '../i18n/locales/de/common.json' with { type: 'json' };
import commonEn from '../i18n/locales/en/common.json' with { type: 'json' };
import { knownServerMessages } from './fieldMessages.js';

describe("translating the server's field messages", () => {
  it('knows every reason the server gives for refusing a password', () => {
    for (const message of Object.values(passwordMessages))
      expect(knownServerMessages).toHaveProperty([message]);
  });

  it('shows the English text exactly as the server wrote it, and has a German one for each', () => {
    for (const [message, key] of Object.entries(knownServerMessages)) {
      expect(commonEn.fieldMessages[key]).toBe(message);
      expect(commonDe.fieldMessages[key]).not.toBe(message);
    }
  });
});
