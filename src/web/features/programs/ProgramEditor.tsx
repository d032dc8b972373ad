import { Button, Group, MultiSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { SuccessAlert } from '../account/Feedback.js';
import { useClinicalErrors } from '../clients/errors.js';
import { useEducation } from '../library/libraryApi.js';
import { AccessCodeCard } from './AccessCodeCard.js';
import { HandoutCard } from './HandoutCard.js';
import { ProgramItemCard } from './ProgramItemCard.js';
import {
  type DraftItem,
  draftFromProgram,
  moveItem,
  type ProgramDraft,
  programBody,
} from './programDraft.js';
import { OUTCOME_MEASURES, type ProgramWithCode, programApi, programKeys } from './programsApi.js';
import { FromTemplateModal, SaveAsTemplateModal } from './TemplateModals.js';
import { VersionHistory } from './VersionHistory.js';

interface ProgramEditorProps {
  clientId: string;
  lang: 'en' | 'de';
  /** The program as last saved (null: the client has none yet). */
  saved: ProgramWithCode | null;
  draft: ProgramDraft;
  onDraftChange: (draft: ProgramDraft | ((current: ProgramDraft) => ProgramDraft)) => void;
  /** Tells screen reader users what a move or an addition did. */
  announce: (message: string) => void;
}

// Field problems the item cards show themselves; any other goes into the form's alert.
const itemField =
  /^items\.\d+\.(exerciseId|sets|reps|holdSeconds|restSeconds|timesPerDay|daysPerWeek|side|load|notes)$/;

/** The program's exercises with their dosage, education and measures, saving, templates and the handout. */
export function ProgramEditor({ clientId, lang, saved, draft, onDraftChange, announce }: ProgramEditorProps) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const education = useEducation(lang);
  const [last, setLast] = useState(saved);
  const [notice, setNotice] = useState<string>();
  const [modal, setModal] = useState<'saveAsTemplate' | 'fromTemplate' | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [focusAfterMove, setFocusAfterMove] = useState<{ key: string; direction: 'up' | 'down' } | null>(
    null,
  );

  const dirty =
    JSON.stringify(programBody(draft)) !==
    JSON.stringify(programBody(draftFromProgram(last?.program ?? null)));

  const adopt = async (result: ProgramWithCode) => {
    setLast(result);
    onDraftChange(draftFromProgram(result.program));
    queryClient.setQueryData(programKeys.current(clientId, lang), result);
    await queryClient.invalidateQueries({ queryKey: programKeys.versions(clientId) });
  };
  const save = useMutation({
    mutationFn: () => programApi.save(clientId, lang, programBody(draft)),
    onSuccess: async (result) => {
      await adopt(result);
      setNotice(t('program.saved', { version: result.program.version }));
    },
  });

  // Keyboard users keep their place: after a move, focus returns to the moved item's button.
  useEffect(() => {
    if (!focusAfterMove) return;
    const card = listRef.current?.querySelector(`[data-item-key="${CSS.escape(focusAfterMove.key)}"]`);
    const same = card?.querySelector<HTMLButtonElement>(`[data-move="${focusAfterMove.direction}"]`);
    const other = card?.querySelector<HTMLButtonElement>(
      `[data-move="${focusAfterMove.direction === 'up' ? 'down' : 'up'}"]`,
    );
    (same && !same.disabled ? same : other)?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove]);

  const setItems = (update: (items: DraftItem[]) => DraftItem[]) =>
    onDraftChange((current) => ({ ...current, items: update(current.items) }));
  const move = (index: number, delta: -1 | 1) => {
    const item = draft.items[index];
    if (!item) return;
    setItems((items) => moveItem(items, index, delta));
    setFocusAfterMove({ key: item.key, direction: delta < 0 ? 'up' : 'down' });
    announce(t('program.moved', { title: item.title ?? '', number: index + delta + 1 }));
  };

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <AccessCodeCard
          clientId={clientId}
          accessCode={last?.accessCode ?? null}
          onRotated={(accessCode) => {
            if (!last) return;
            const next = { ...last, accessCode };
            setLast(next);
            queryClient.setQueryData(programKeys.current(clientId, lang), next);
          }}
        />
        <HandoutCard clientId={clientId} available={last !== null} defaultLanguage={lang} />
      </SimpleGrid>
      {last ? (
        <Text size="sm" c="dimmed">
          {t('program.version', { version: last.program.version })}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('program.notSavedYet')}
        </Text>
      )}
      <Stack gap="xs" ref={listRef}>
        <Title order={2} size="h4">
          {t('program.exercises')}
        </Title>
        {draft.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('program.empty')}
          </Text>
        ) : (
          draft.items.map((item, index) => (
            <ProgramItemCard
              key={item.key}
              item={item}
              index={index}
              count={draft.items.length}
              onChange={(changed) =>
                setItems((items) => items.map((each) => (each.key === item.key ? changed : each)))
              }
              onMove={(delta) => move(index, delta)}
              onRemove={() => setItems((items) => items.filter((each) => each.key !== item.key))}
              error={save.error}
              errors={errors}
            />
          ))
        )}
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <MultiSelect
          label={t('program.education')}
          description={t('program.educationHint')}
          data={(education.data ?? []).map((article) => ({ value: article.id, label: article.title }))}
          value={draft.educationIds}
          onChange={(educationIds) => onDraftChange((current) => ({ ...current, educationIds }))}
          searchable
          error={errors.field(save.error, 'educationIds')}
        />
        <MultiSelect
          label={t('program.outcomeMeasures')}
          description={t('program.outcomeMeasuresHint')}
          data={[...OUTCOME_MEASURES]}
          value={draft.outcomeMeasures}
          onChange={(outcomeMeasures) => onDraftChange((current) => ({ ...current, outcomeMeasures }))}
          error={errors.field(save.error, 'outcomeMeasures')}
        />
      </SimpleGrid>
      <FormError>{errors.alert(save.error, (field) => itemField.test(field))}</FormError>
      <SuccessAlert>{!dirty ? notice : undefined}</SuccessAlert>
      {dirty && last ? (
        <Text size="sm" c="orange.8" role="status">
          {t('program.unsaved')}
        </Text>
      ) : null}
      <Group gap="sm">
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty && last !== null}>
          {t('program.save')}
        </Button>
        <Button variant="default" onClick={() => setModal('fromTemplate')}>
          {t('program.fromTemplate')}
        </Button>
        <Button
          variant="default"
          onClick={() => setModal('saveAsTemplate')}
          disabled={dirty || last === null}
          title={dirty || last === null ? t('program.saveFirst') : undefined}
        >
          {t('program.saveAsTemplate')}
        </Button>
      </Group>
      <VersionHistory clientId={clientId} lang={lang} enabled={last !== null} />
      <SaveAsTemplateModal
        opened={modal === 'saveAsTemplate'}
        onClose={() => setModal(null)}
        clientId={clientId}
        onSaved={(name) => setNotice(t('program.templateSaved', { name }))}
      />
      <FromTemplateModal
        opened={modal === 'fromTemplate'}
        onClose={() => setModal(null)}
        clientId={clientId}
        onApplied={async (result) => {
          await adopt(result);
          setNotice(t('program.templateApplied'));
        }}
      />
    </Stack>
  );
}
