import { Alert, Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../../ui/PageLoader.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { ProcessorList } from './ProcessorList.js';
import { inLanguage, usePrivacy } from './privacyApi.js';

/**
 * The public privacy page (no session): this deployment's region, what it stores and how each kind
 * of data is protected, what it never stores, and every outside processor. Linked from the patient app.
 */
export function PrivacyPage() {
  const { t, i18n } = useTranslation('practice');
  useDocumentTitle(t('privacy.title'));
  const privacy = usePrivacy();
  if (privacy.isPending) return <PageLoader />;
  if (privacy.isError)
    return (
      <Alert color="red" variant="light" role="alert">
        {t('privacy.loadFailed')}
      </Alert>
    );
  const { region, dataCategories, neverStored, processors } = privacy.data;
  return (
    <Stack gap="lg" data-testid="page-privacy">
      <Stack gap={4}>
        <Title order={1}>{t('privacy.title')}</Title>
        <Text>{t('privacy.lead')}</Text>
        <Text data-testid="privacy-region">{t('privacy.region', { region: region.toUpperCase() })}</Text>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="privacy-stored">
        <Title order={2} size="h3" id="privacy-stored">
          {t('privacy.stored')}
        </Title>
        <Text size="sm">{t('privacy.protectionIntro')}</Text>
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {dataCategories.map((category) => (
            <li key={category.id} data-testid="data-category">
              <Text fw={600}>
                {inLanguage(category.label, i18n.language)}{' '}
                <Text span fw={400} data-testid="data-category-protection">
                  ({category.protection.map((protection) => t(`privacy.protection.${protection}`)).join(', ')}
                  )
                </Text>
              </Text>
              <Text size="sm">{inLanguage(category.includes, i18n.language)}</Text>
            </li>
          ))}
        </Stack>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="privacy-never">
        <Title order={2} size="h3" id="privacy-never">
          {t('privacy.never')}
        </Title>
        <List size="sm">
          {neverStored.map((item) => (
            <List.Item key={item.en}>{inLanguage(item, i18n.language)}</List.Item>
          ))}
        </List>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="privacy-processors">
        <Title order={2} size="h3" id="privacy-processors">
          {t('processors.title')}
        </Title>
        <Text size="sm">{t('processors.intro')}</Text>
        <ProcessorList processors={processors} headingOrder={3} />
      </Stack>

      <Anchor component={Link} to="/sign-in" size="sm">
        {t('privacy.back')}
      </Anchor>
    </Stack>
  );
}
