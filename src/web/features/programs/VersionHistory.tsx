import { Button, List, Modal, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { useClinicalErrors } from '../clients/errors.js';
import { useProgramVersion, useProgramVersions } from './programsApi.js';

/** Every saved version of the client's program, newest first; one can be looked at. */
export function VersionHistory({
  clientId,
  lang,
  enabled,
}: {
  clientId: string;
  lang: string;
  enabled: boolean;
}) {
  const { t, i18n } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const versions = useProgramVersions(clientId, enabled);
  const [shown, setShown] = useState<number | null>(null);
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Stack gap="xs" data-testid="program-versions">
      <Title order={2} size="h4">
        {t('program.versions')}
      </Title>
      {!enabled || (versions.isSuccess && versions.data.length === 0) ? (
        <Text size="sm" c="dimmed">
          {t('program.versionsEmpty')}
        </Text>
      ) : versions.isPending ? (
        <Skeleton h={60} />
      ) : versions.isError ? (
        <FormError>{errors.message(versions.error)}</FormError>
      ) : (
        <Table aria-label={t('program.versions')}>
          <Table.Tbody>
            {versions.data.map((version) => (
              <Table.Tr key={version.version} data-testid="program-version-row">
                <Table.Td>{t('program.versionRow', { version: version.version })}</Table.Td>
                <Table.Td>
                  <Text size="sm">{format.format(new Date(version.createdAt))}</Text>
                  {version.createdBy ? (
                    <Text size="xs" c="dimmed">
                      {t('program.versionBy', { name: version.createdBy.name })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{t('program.versionItems', { count: version.itemCount })}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => setShown(version.version)}
                    aria-label={t('program.viewVersion', { version: version.version })}
                  >
                    {t('program.viewVersion', { version: version.version })}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <VersionModal clientId={clientId} lang={lang} version={shown} onClose={() => setShown(null)} />
    </Stack>
  );
}

function VersionModal(props: {
  clientId: string;
  lang: string;
  version: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const version = useProgramVersion(props.clientId, props.version, props.lang);
  return (
    <Modal
      opened={props.version !== null}
      onClose={props.onClose}
      title={t('program.versionTitle', { version: props.version ?? '' })}
      centered
    >
      {version.isPending ? (
        <Skeleton h={80} />
      ) : version.isError ? (
        <FormError>{errors.message(version.error)}</FormError>
      ) : (
        <List type="ordered" spacing={4}>
          {version.data.items.map((item) => (
            <List.Item key={item.id}>
              {item.exercise?.title ?? t('program.missingExercise')}
              <Text span size="sm" c="dimmed">
                {' '}
                — {[item.sets && `${item.sets}×${item.reps ?? ''}`, item.load].filter(Boolean).join(', ')}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Modal>
  );
}
