import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPathFor } from './nextPath.js';

const origin = 'https://rehabit.example';

describe('where sign-in leads', () => {
  it('goes to a path of this site, keeping its query and fragment', () => {
    expect(safeNextPath('/clients?view=recent#top', origin)).toBe('/clients?view=recent#top');
  });

  it('goes home without a next parameter', () => {
    expect(safeNextPath(null, origin)).toBe('/');
    expect(safeNextPath('', origin)).toBe('/');
  });

  it.each([
    'https://evil.example/phish',
    '//evil.example/phish',
    '/\\evil.example',
    'javascript:alert(1)',
    'clients',
    '/%2F%2Fevil.example',
  ])('never leaves the site for %s', (next) => {
    expect(new URL(safeNextPath(next, origin), origin).origin).toBe(origin);
  });

  it('does not send a signed-in user back to a sign-in page', () => {
    expect(safeNextPath('/sign-in?next=/clients', origin)).toBe('/');
    expect(safeNextPath('/reset-password?token=abc', origin)).toBe('/');
  });

  it('asks sign-in to come back to the page, and leaves home implicit', () => {
    expect(signInPathFor('/clients?view=recent')).toBe('/sign-in?next=%2Fclients%3Fview%3Drecent');
    expect(signInPathFor('/')).toBe('/sign-in');
  });
});
