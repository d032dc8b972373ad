import { describe, expect, it } from 'vitest';
import { ConfigError, type Environment, loadConfig } from '../../config.js';

const SID = `AC${'a1'.repeat(16)}`;
const twilio = (overrides: Environment = {}): Environment => ({
  SMS_PROVIDER: 'twilio',
  TWILIO_ACCOUNT_SID: SID,
  TWILIO_AUTH_TOKEN: 'token-that-stays-secret',
  SMS_FROM: '+441234567890',
  ...overrides,
});

function problemsOf(env: Environment): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('SMS configuration', () => {
  it('logs instead of sending when nothing is set', () => {
    expect(loadConfig({}).sms).toEqual({ provider: 'log' });
  });

  it('reads a Twilio account with its defaults', () => {
    expect(loadConfig(twilio()).sms).toEqual({
      provider: 'twilio',
      apiUrl: new URL('https://api.twilio.com'),
      accountSid: SID,
      authToken: 'token-that-stays-secret',
      from: '+441234567890',
      messagingServiceSid: undefined,
    });
  });

  it('takes a messaging service instead of a sender, and an alphanumeric sender id', () => {
    const service = `MG${'b2'.repeat(16)}`;
    expect(loadConfig(twilio({ SMS_FROM: '', TWILIO_MESSAGING_SERVICE_SID: service })).sms).toMatchObject({
      from: undefined,
      messagingServiceSid: service,
    });
    expect(loadConfig(twilio({ SMS_FROM: 'Physio Lab' })).sms).toMatchObject({ from: 'Physio Lab' });
  });

  it('names every missing setting of a Twilio account at once', () => {
    expect(problemsOf({ SMS_PROVIDER: 'twilio' })).toEqual([
      'TWILIO_ACCOUNT_SID is required when SMS_PROVIDER is twilio',
      'TWILIO_AUTH_TOKEN is required when SMS_PROVIDER is twilio',
      'SMS_FROM (or TWILIO_MESSAGING_SERVICE_SID) is required when SMS_PROVIDER is twilio',
    ]);
  });

  it.each([
    [{ SMS_PROVIDER: 'nexmo' }, 'SMS_PROVIDER'],
    [{ SMS_FROM: '01234 567890' }, 'SMS_FROM must be a phone number in E.164 form'],
    [{ TWILIO_ACCOUNT_SID: 'AC/../x' }, 'TWILIO_ACCOUNT_SID must be the account SID'],
    [{ TWILIO_MESSAGING_SERVICE_SID: 'MG1' }, 'TWILIO_MESSAGING_SERVICE_SID must be a messaging service SID'],
    [{ TWILIO_API_URL: 'http://sms.example.org' }, 'TWILIO_API_URL must be an https:// URL'],
    [{ TWILIO_API_URL: 'ftp://sms.example.org' }, 'TWILIO_API_URL must be a URL'],
  ])('refuses %j', (env, problem) => {
    expect(problemsOf(twilio(env))[0]).toContain(problem);
  });

  it('allows plain http only on loopback (a test gateway)', () => {
    expect(loadConfig(twilio({ TWILIO_API_URL: 'http://127.0.0.1:4010' })).sms).toMatchObject({
      apiUrl: new URL('http://127.0.0.1:4010'),
    });
  });

  it('never repeats the auth token in a configuration error', () => {
    const problems = problemsOf(twilio({ SMS_FROM: 'not a sender!', TWILIO_AUTH_TOKEN: 'hunter2-secret' }));
    expect(problems.join('\n')).not.toContain('hunter2-secret');
  });
});
