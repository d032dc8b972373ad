import { Badge, Button, Group, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { SuccessAlert } from '../account/Feedback.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { useClinicalErrors } from '../clients/errors.js';
import {
  archiveCustomMeasure,
  type CustomMeasure,
  customMeasureKeys,
  useCustomMeasures,
} from './customMeasuresApi.js';

/** The practice's own measures (`/outcome-measures`): the list, archived ones on request, create, archive. */
export function CustomMeasuresPage() {
  const { t } = useTranslation('outcomes');
  useDocumentTitle(t('measures.title'));
  return (
    <ClinicalGate title={t('measures.title')}>
      <CustomMeasures />
    </ClinicalGate>
  );
}

function CustomMeasures() {
  const { t } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const [showArchived, setShowArchived] = useState(false);
  const [archiving, setArchiving] = useState<CustomMeasure>();
  const [notice, setNotice] = useState<string>();
  const measures = useCustomMeasures(showArchived);

  const archive = async () => {
    if (!archiving) return;
    const archived = await archiveCustomMeasure(archiving.id);
    // The catalogue stops offering it for new assignments.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: customMeasureKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['outcome-measures'] }),
    ]);
    setNotice(t('measures.archived', { name: archived.name }));
  };

  return (
    <Stack gap="lg" maw={960} data-testid="page-custom-measures">
      <Group justify="space-between">
        <Title order={1}>{t('measures.title')}</Title>
        <Button component={Link} to="/outcome-measures/new">
          {t('measures.new')}
        </Button>
      </Group>
      <Text c="gray.7">{t('measures.intro')}</Text>
      <SuccessAlert>{notice}</SuccessAlert>
      <Switch
        label={t('measures.showArchived')}
        checked={showArchived}
        onChange={(event) => setShowArchived(event.currentTarget.checked)}
      />
      {measures.isError ? <FormError>{errors.message(measures.error)}</FormError> : null}
      {measures.isPending ? (
        <Skeleton h={160} />
      ) : measures.data?.length === 0 ? (
        <Text c="gray.7">{t('measures.none')}</Text>
      ) : (
        <MeasuresTable measures={measures.data ?? []} onArchive={setArchiving} />
      )}
      <ConfirmModal
        opened={archiving !== undefined}
        title={t('measures.archiveTitle')}
        body={t('measures.archiveBody', { name: archiving?.name ?? '' })}
        confirmLabel={t('measures.archive')}
        cancelLabel={t('common.cancel')}
        errorText={errors.message}
        onClose={() => setArchiving(undefined)}
        onConfirm={archive}
      />
    </Stack>
  );
}

function MeasuresTable(props: { measures: CustomMeasure[]; onArchive: (measure: CustomMeasure) => void }) {
  const { measures, onArchive } = props;
  const { t } = useTranslation('outcomes');
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table aria-label={t('measures.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('measures.name')}</Table.Th>
            <Table.Th>{t('measures.items')}</Table.Th>
            <Table.Th>{t('measures.scoring')}</Table.Th>
            <Table.Th>{t('measures.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {measures.map((measure) => (
            <Table.Tr
              key={measure.id}
              data-testid="custom-measure"
              data-archived={measure.archivedAt !== null}
            >
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {measure.name}
                  </Text>
                  {measure.archivedAt ? (
                    <Badge color="gray" variant="light">
                      {t('measures.archivedBadge')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{t('measures.itemCount', { count: measure.definition.items.length })}</Table.Td>
              <Table.Td>{t(`measures.scoringText.${measure.definition.scoring}`)}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    component={Link}
                    to={`/outcome-measures/${measure.id}`}
                    size="xs"
                    variant="default"
                    aria-label={t('measures.editFor', { name: measure.name })}
                  >
                    {t('measures.edit')}
                  </Button>
                  {measure.archivedAt ? null : (
                    <Button
                      size="xs"
                      variant="default"
                      color="red"
                      aria-label={t('measures.archiveFor', { name: measure.name })}
                      onClick={() => onArchive(measure)}
                    >
                      {t('measures.archive')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
