import { Avatar, Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Practitioner } from './session.js';

interface UserMenuProps {
  practitioner: Practitioner;
  onSignOut(): void;
  signingOut: boolean;
}

const initials = (practitioner: Practitioner) =>
  `${practitioner.firstName.charAt(0)}${practitioner.lastName.charAt(0)}`.toUpperCase();

/** The header's account menu: who is signed in and in which role, their account, and sign-out. */
export function UserMenu({ practitioner, onSignOut, signingOut }: UserMenuProps) {
  const { t } = useTranslation('practitioner');
  const name = `${practitioner.firstName} ${practitioner.lastName}`;
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px="xs"
          loading={signingOut}
          leftSection={
            <Avatar size="sm" color="brand" radius="xl" aria-hidden>
              {initials(practitioner)}
            </Avatar>
          }
          data-testid="user-menu"
        >
          {/* Named by its content, not aria-label: an aria-label must contain the visible text, and the
              initials in the avatar would never be part of it. */}
          <Text size="sm" visibleFrom="sm" component="span">
            {name}
          </Text>
          <VisuallyHidden hiddenFrom="sm">{name}</VisuallyHidden>
          <VisuallyHidden>{` (${t('userMenu.label')})`}</VisuallyHidden>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" data-testid="user-menu-name">
            {name}
          </Text>
          <Text size="xs" c="dimmed" data-testid="user-menu-role">
            {t(`roles.${practitioner.role}`)} · {practitioner.practiceName}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account" data-testid="user-menu-account">
          {t('userMenu.account')}
        </Menu.Item>
        <Menu.Item onClick={onSignOut} data-testid="user-menu-sign-out">
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
