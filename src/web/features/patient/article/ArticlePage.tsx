import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../../ui/PageLoader.js';
import { useDocumentTitle } from '../../../ui/useDocumentTitle.js';
import { useProgram } from '../useProgram.js';
import { Markdown } from './Markdown.js';

/** An education article of the program (it comes with the program, so it reads offline too). */
export default function ArticlePage() {
  const { t } = useTranslation('patient');
  const { articleId } = useParams();
  const { data, isPending } = useProgram();
  const article = data?.program?.education.find((candidate) => candidate.id === articleId);
  useDocumentTitle(article?.title ?? t('today.reading'));
  if (isPending) return <PageLoader />;
  const back = (
    <Anchor component={Link} to="/">
      {t('article.back')}
    </Anchor>
  );
  if (!article)
    return (
      <Stack gap="md">
        <Text>{t('article.notFound')}</Text>
        {back}
      </Stack>
    );
  return (
    <Stack gap="sm" component="article" data-testid="article-page">
      {back}
      <Title order={1}>{article.title}</Title>
      <Text c="gray.7" size="sm">
        {t('today.readingMinutes', { count: article.readingMinutes })}
      </Text>
      <Markdown source={article.body} />
    </Stack>
  );
}
