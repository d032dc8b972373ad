import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import type { Section } from '../sections.js';

interface SectionPageProps {
  section: Section;
}

/** Placeholder for a section that is not built yet: its name and what it will do. */
export function SectionPage({ section }: SectionPageProps) {
  const { t } = useTranslation('practitioner');
  const title = t(`nav.${section}`);
  useDocumentTitle(title);
  return (
    <Stack gap="md" maw={720} data-testid={`page-section-${section}`}>
      <Group gap="sm" align="center">
        <Title order={1}>{title}</Title>
        <Badge variant="light">{t('sections.comingSoon')}</Badge>
      </Group>
      <Text c="dimmed">{t('sections.placeholder')}</Text>
      <Text size="lg">{t(`sections.${section}`)}</Text>
    </Stack>
  );
}
