import { Box, Center, Container, Group, Paper, Text } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useSession } from '../features/session/session.js';
import { Brand } from '../ui/Brand.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { PageLoader } from '../ui/PageLoader.js';
import { SkipLink } from '../ui/SkipLink.js';

/**
 * The frame of the pages reached without a session (sign-in, sign-up, links from mail): a centred
 * card with the brand and the language switch, no workspace navigation.
 */
export function PublicLayout() {
  const { t } = useTranslation('auth');
  // The session is read first: a signed-in browser must send its CSRF token even on these pages,
  // and sign-in and sign-up send a signed-in visitor on to the workspace.
  const session = useSession();
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <SkipLink />
      <Center mih="100vh" py="xl" px="md">
        <Container size={520} w="100%" p={0}>
          <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }}>
            <Group justify="space-between" wrap="nowrap" mb="lg">
              <Group gap="xs" wrap="nowrap">
                <Brand />
                <Text c="dimmed" size="sm" visibleFrom="xs">
                  {t('workspace')}
                </Text>
              </Group>
              <LanguageSwitch />
            </Group>
            <main id="main-content" tabIndex={-1}>
              {session.isPending ? (
                <PageLoader />
              ) : (
                <Suspense fallback={<PageLoader />}>
                  <Outlet />
                </Suspense>
              )}
            </main>
          </Paper>
        </Container>
      </Center>
    </Box>
  );
}
