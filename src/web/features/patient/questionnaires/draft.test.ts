import { describe, expect, it } from 'vitest';
import { clearAllDrafts, clearDraft, fingerprint, loadDraft, saveDraft } from './draft.js';

/** localStorage's interface over a Map. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

describe('questionnaire drafts on the phone', () => {
  it('keeps the answers and the screen of an assignment for the session that wrote them', () => {
    const storage = memoryStorage();
    saveDraft('a1', { values: [1, null, 2], step: 3 }, { storage, session: 's1' });
    expect(loadDraft('a1', { storage, session: 's1' })).toEqual({ values: [1, null, 2], step: 3 });
    expect(loadDraft('a2', { storage, session: 's1' })).toBeUndefined();
  });

  it('shows no draft to another session, or to nobody signed in', () => {
    const storage = memoryStorage();
    saveDraft('a1', { values: [1], step: 1 }, { storage, session: 's1' });
    expect(loadDraft('a1', { storage, session: 's2' })).toBeUndefined();
    expect(loadDraft('a1', { storage, session: undefined })).toBeUndefined();
  });

  it('keeps nothing without a session', () => {
    const storage = memoryStorage();
    saveDraft('a1', { values: [1], step: 1 }, { storage, session: undefined });
    expect(storage.length).toBe(0);
  });

  it('deletes one draft on submit and every draft on sign-out, leaving other keys', () => {
    const storage = memoryStorage();
    storage.setItem('rehabit.patient.session', '{}');
    saveDraft('a1', { values: [1], step: 1 }, { storage, session: 's1' });
    saveDraft('a2', { values: [2], step: 1 }, { storage, session: 's1' });
    clearDraft('a1', { storage });
    expect(loadDraft('a1', { storage, session: 's1' })).toBeUndefined();
    expect(loadDraft('a2', { storage, session: 's1' })).toBeDefined();
    clearAllDrafts({ storage });
    expect(loadDraft('a2', { storage, session: 's1' })).toBeUndefined();
    expect(storage.getItem('rehabit.patient.session')).toBe('{}');
  });

  it('ignores a damaged draft', () => {
    const storage = memoryStorage();
    storage.setItem('rehabit.patient.questionnaire.a1', '{not json');
    expect(loadDraft('a1', { storage, session: 's1' })).toBeUndefined();
  });

  it('fingerprints tokens shortly and tells them apart', () => {
    expect(fingerprint('token-a')).toBe(fingerprint('token-a'));
    expect(fingerprint('token-a')).not.toBe(fingerprint('token-b'));
    expect(fingerprint('token-a').length).toBeLessThanOrEqual(7);
  });
});
