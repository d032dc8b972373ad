import { Alert, Button, Checkbox, CopyButton, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface RecoveryCodesProps {
  codes: string[];
  email: string;
  onDone: () => void;
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The recovery codes, shown this once: copy, download, and confirm they are kept somewhere safe. */
export function RecoveryCodes({ codes, email, onDone }: RecoveryCodesProps) {
  const { t } = useTranslation('account');
  const [saved, setSaved] = useState(false);
  const asText = [
    t('recoveryCodes.fileHeading', { email }),
    t('recoveryCodes.fileNote'),
    '',
    ...codes,
    '',
  ].join('\n');

  return (
    <Stack gap="md" data-testid="recovery-codes">
      <Alert color="yellow" variant="light" title={t('recoveryCodes.title')}>
        {t('recoveryCodes.intro')}
      </Alert>
      <Paper withBorder p="md">
        <SimpleGrid
          cols={{ base: 1, xs: 2 }}
          spacing="xs"
          component="ol"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {codes.map((code) => (
            <Text component="li" key={code} ff="monospace" fz="lg" data-testid="recovery-code">
              {code}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <Group gap="sm">
        <CopyButton value={asText}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t('common.copied') : t('recoveryCodes.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => download('rehabit-recovery-codes.txt', asText)}>
          {t('recoveryCodes.download')}
        </Button>
      </Group>
      <Checkbox
        label={t('recoveryCodes.saved')}
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <Group>
        <Button disabled={!saved} onClick={onDone}>
          {t('recoveryCodes.done')}
        </Button>
      </Group>
    </Stack>
  );
}
