import { Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SuccessAlert } from '../account/Feedback.js';
import { ConfirmModal } from './ConfirmModal.js';
import { formatAccessCode } from './programDraft.js';
import { programApi } from './programsApi.js';

/** The client's access code in two groups of five, and issuing a new one (the old one stops working). */
export function AccessCodeCard(props: {
  clientId: string;
  accessCode: string | null;
  onRotated: (accessCode: string) => void;
}) {
  const { clientId, accessCode, onRotated } = props;
  const { t } = useTranslation('clinical');
  const [confirming, setConfirming] = useState(false);
  const [rotated, setRotated] = useState(false);
  const rotate = useMutation({
    mutationFn: () => programApi.rotateCode(clientId),
    onSuccess: (answer) => {
      setRotated(true);
      onRotated(answer.accessCode);
    },
  });

  return (
    <Card withBorder padding="md" data-testid="access-code-card">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('program.accessCode')}
        </Title>
        {accessCode ? (
          <>
            <Code
              fz="xl"
              fw={700}
              data-testid="access-code"
              aria-label={t('program.accessCode')}
              w="fit-content"
            >
              {formatAccessCode(accessCode)}
            </Code>
            <Text size="sm" c="dimmed">
              {t('program.accessCodeHint')}
            </Text>
            <SuccessAlert>{rotated ? t('program.rotated') : undefined}</SuccessAlert>
            <Group>
              <Button variant="default" size="xs" onClick={() => setConfirming(true)}>
                {t('program.rotate')}
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('program.accessCodeNone')}
          </Text>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('program.rotateTitle')}
        body={t('program.rotateBody')}
        confirmLabel={t('program.rotate')}
        onClose={() => setConfirming(false)}
        onConfirm={() => rotate.mutateAsync()}
      />
    </Card>
  );
}
