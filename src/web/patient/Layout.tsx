import { Box, Container, Group } from '@mantine/core';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { Brand } from '../ui/Brand.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { PageLoader } from '../ui/PageLoader.js';
import { SkipLink } from '../ui/SkipLink.js';

/** Mobile-first frame of the patient app: a slim header and one narrow column. */
export function Layout() {
  return (
    <Box mih="100dvh" bg="gray.0">
      <SkipLink />
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="xs" py="sm">
          <Group justify="space-between" wrap="nowrap">
            <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
              <Brand />
            </Link>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main-content" tabIndex={-1} size="xs" py="lg">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </Container>
    </Box>
  );
}
