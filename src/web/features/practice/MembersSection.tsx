import { Badge, Button, Group, NativeSelect, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { useRefreshMe } from '../account/accountApi.js';
import { ErrorAlert } from '../account/Feedback.js';
import { useDateFormat } from '../account/format.js';
import { useSessionUpdate } from '../session/session.js';
import { ConfirmModal } from './ConfirmModal.js';
import { usePracticeErrorText } from './errors.js';
import { type Member, practiceKeys, type Role, roles, useMembers } from './practiceApi.js';

function SecondFactors({ member }: { member: Member }) {
  const { t } = useTranslation('practice');
  if (!member.mfa.totp && member.mfa.passkeys === 0) {
    return (
      <Badge color="gray" variant="light">
        {t('members.mfaNone')}
      </Badge>
    );
  }
  return (
    <Group gap={4}>
      {member.mfa.totp && (
        <Badge color="teal" variant="light">
          {t('members.mfaTotp')}
        </Badge>
      )}
      {member.mfa.passkeys > 0 && (
        <Badge color="teal" variant="light">
          {t('members.mfaPasskeys', { count: member.mfa.passkeys })}
        </Badge>
      )}
    </Group>
  );
}

/** The practice's members; the owner changes roles and removes members, everyone else reads. */
export function MembersSection({ manage }: { manage: boolean }) {
  const { t } = useTranslation('practice');
  const errors = usePracticeErrorText();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const refreshMe = useRefreshMe();
  const navigate = useNavigate();
  const { signedOut } = useSessionUpdate();
  const members = useMembers();
  const [removing, setRemoving] = useState<Member>();

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) =>
      api<Member>('PATCH', `/api/v1/practice/members/${member.id}`, { role }),
    onSuccess: async (_updated, { member }) => {
      await queryClient.invalidateQueries({ queryKey: practiceKeys.members });
      // Giving up one's own ownership changes what this page may show.
      if (member.you) await refreshMe();
    },
  });

  const remove = async (member: Member) => {
    await api('DELETE', `/api/v1/practice/members/${member.id}`);
    if (member.you) {
      // The server ended this session along with the membership.
      signedOut();
      await navigate('/sign-in', { replace: true });
      return;
    }
    await queryClient.invalidateQueries({ queryKey: practiceKeys.members });
  };

  const fullName = (member: Member) => `${member.firstName} ${member.lastName}`;

  return (
    <Stack gap="md">
      {members.isPending && <Skeleton h={120} />}
      <ErrorAlert>{members.isError && errors.message(members.error)}</ErrorAlert>
      <ErrorAlert>{changeRole.isError && errors.message(changeRole.error)}</ErrorAlert>
      {members.data && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder verticalSpacing="sm" data-testid="members-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.name')}</Table.Th>
                <Table.Th>{t('members.email')}</Table.Th>
                <Table.Th>{t('members.role')}</Table.Th>
                <Table.Th>{t('members.mfa')}</Table.Th>
                <Table.Th>{t('members.lastSignIn')}</Table.Th>
                {manage && <Table.Th>{t('members.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((member) => (
                <Table.Tr key={member.id} data-testid="member-row">
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text>{fullName(member)}</Text>
                      {member.you && (
                        <Badge size="sm" variant="light" style={{ flexShrink: 0 }}>
                          {t('members.you')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>
                    {manage ? (
                      <NativeSelect
                        size="xs"
                        aria-label={t('members.roleOf', { name: fullName(member) })}
                        value={member.role}
                        disabled={changeRole.isPending}
                        onChange={(event) => {
                          const role = roles.find((value) => value === event.currentTarget.value);
                          if (role && role !== member.role) changeRole.mutate({ member, role });
                        }}
                        data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                      />
                    ) : (
                      t(`roles.${member.role}`)
                    )}
                  </Table.Td>
                  <Table.Td>
                    <SecondFactors member={member} />
                  </Table.Td>
                  <Table.Td>
                    {member.lastSignInAt ? format.dateTime(member.lastSignInAt) : t('members.never')}
                  </Table.Td>
                  {manage && (
                    <Table.Td>
                      <Button size="xs" variant="outline" color="red" onClick={() => setRemoving(member)}>
                        {t('members.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        opened={removing !== undefined}
        title={t('members.removeTitle', { name: removing ? fullName(removing) : '' })}
        body={removing?.you ? t('members.removeSelfBody') : t('members.removeBody')}
        confirmLabel={t('members.remove')}
        onClose={() => setRemoving(undefined)}
        onConfirm={async () => {
          if (removing) await remove(removing);
        }}
      />
    </Stack>
  );
}
