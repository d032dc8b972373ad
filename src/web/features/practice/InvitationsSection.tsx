import { Button, Group, NativeSelect, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { actionError } from '../account/errors.js';
import { ErrorAlert, SuccessAlert } from '../account/Feedback.js';
import { useDateFormat } from '../account/format.js';
import { ConfirmModal } from './ConfirmModal.js';
import { usePracticeErrorText } from './errors.js';
import { type Invitation, practiceKeys, type Role, roles, useInvitations } from './practiceApi.js';

/** Owner: invite a colleague by email with a role; pending invitations with their expiry, revocable. */
export function InvitationsSection() {
  const { t } = useTranslation('practice');
  const errors = usePracticeErrorText();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const invitations = useInvitations(true);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('practitioner');
  const [revoking, setRevoking] = useState<Invitation>();

  const invite = useMutation({
    mutationFn: () => api<Invitation>('POST', '/api/v1/practice/members', { email: email.trim(), role }),
    onSuccess: async () => {
      setEmail('');
      await queryClient.invalidateQueries({ queryKey: practiceKeys.invitations });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };

  return (
    <Stack gap="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm" maw={640}>
          <Group align="flex-start" grow>
            <TextInput
              label={t('invitations.email')}
              type="email"
              required
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={errors.field(invite.error, 'email')}
            />
            <NativeSelect
              label={t('invitations.role')}
              value={role}
              onChange={(event) =>
                setRole(roles.find((value) => value === event.currentTarget.value) ?? 'practitioner')
              }
              data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
              error={errors.field(invite.error, 'role')}
            />
          </Group>
          <ErrorAlert>{actionError(errors, invite.error, ['email', 'role'])}</ErrorAlert>
          <SuccessAlert>
            {invite.isSuccess && t('invitations.sent', { email: invite.data.email })}
          </SuccessAlert>
          <Group>
            <Button type="submit" loading={invite.isPending} disabled={!email.trim()}>
              {t('invitations.send')}
            </Button>
          </Group>
        </Stack>
      </form>

      {invitations.isPending && <Skeleton h={60} />}
      <ErrorAlert>{invitations.isError && errors.message(invitations.error)}</ErrorAlert>
      {invitations.isSuccess && invitations.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('invitations.none')}
        </Text>
      )}
      {invitations.isSuccess && invitations.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder data-testid="invitations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('invitations.email')}</Table.Th>
                <Table.Th>{t('invitations.role')}</Table.Th>
                <Table.Th>{t('invitations.invitedBy')}</Table.Th>
                <Table.Th>{t('invitations.expires')}</Table.Th>
                <Table.Th>{t('invitations.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.map((invitation) => (
                <Table.Tr key={invitation.id} data-testid="invitation-row">
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
                  <Table.Td>{invitation.invitedBy?.name ?? '—'}</Table.Td>
                  <Table.Td>{format.dateTime(invitation.expiresAt)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="outline" color="red" onClick={() => setRevoking(invitation)}>
                      {t('invitations.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        opened={revoking !== undefined}
        title={t('invitations.revokeTitle', { email: revoking?.email ?? '' })}
        body={t('invitations.revokeBody')}
        confirmLabel={t('invitations.revoke')}
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (!revoking) return;
          await api('DELETE', `/api/v1/practice/invitations/${revoking.id}`);
          await queryClient.invalidateQueries({ queryKey: practiceKeys.invitations });
        }}
      />
    </Stack>
  );
}
