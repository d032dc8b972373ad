import { describe, expect, it } from 'vitest';
import { describeUserAgent } from './userAgent.js';

const agents = {
  chromeLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};

describe('describeUserAgent', () => {
  it('names Chrome on Linux', () => {
    expect(describeUserAgent(agents.chromeLinux)).toEqual({ browser: 'Chrome', os: 'Linux' });
  });

  it('names Edge rather than the Chrome it also claims to be', () => {
    expect(describeUserAgent(agents.edgeWindows)).toEqual({ browser: 'Edge', os: 'Windows' });
  });

  it('names Safari on iOS, though the string mentions Mac OS X', () => {
    expect(describeUserAgent(agents.safariIphone)).toEqual({ browser: 'Safari', os: 'iOS' });
  });

  it('names Firefox on macOS', () => {
    expect(describeUserAgent(agents.firefoxMac)).toEqual({ browser: 'Firefox', os: 'macOS' });
  });

  it('names Android rather than the Linux it is built on', () => {
    expect(describeUserAgent(agents.chromeAndroid)).toEqual({ browser: 'Chrome', os: 'Android' });
  });

  it('knows nothing of a missing or unfamiliar user agent', () => {
    expect(describeUserAgent(null)).toEqual({ browser: undefined, os: undefined });
    expect(describeUserAgent('curl/8.5.0')).toEqual({ browser: undefined, os: undefined });
  });
});
