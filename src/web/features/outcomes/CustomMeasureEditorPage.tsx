import { Alert, Anchor, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { SuccessAlert } from '../account/Feedback.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { useClinicalErrors } from '../clients/errors.js';
import { CustomMeasureForm } from './CustomMeasureForm.js';
import { useCustomMeasures } from './customMeasuresApi.js';

/** Creating (`/outcome-measures/new`) or editing (`/outcome-measures/:id`) a custom measure. */
export function CustomMeasureEditorPage() {
  const { t } = useTranslation('outcomes');
  const { id } = useParams();
  const title = id ? t('editor.editTitle') : t('editor.newTitle');
  useDocumentTitle(title);
  return (
    <ClinicalGate title={title}>
      <Stack gap="lg" maw={820} data-testid="page-custom-measure">
        <Anchor component={Link} to="/outcome-measures" size="sm">
          {t('editor.back')}
        </Anchor>
        <Title order={1}>{title}</Title>
        {id ? <ExistingMeasure key={id} id={id} /> : <CustomMeasureForm />}
      </Stack>
    </ClinicalGate>
  );
}

function ExistingMeasure({ id }: { id: string }) {
  const { t } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  // There is no single-measure endpoint: the list (archived ones too) holds every definition.
  const measures = useCustomMeasures(true);
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  if (measures.isPending) return <Skeleton h={320} />;
  if (measures.isError) return <FormError>{errors.message(measures.error)}</FormError>;
  const measure = measures.data.find((entry) => entry.id === id);
  if (!measure) return <FormError>{t('editor.notFound')}</FormError>;
  return (
    <Stack gap="lg">
      <SuccessAlert>{created ? t('editor.created') : undefined}</SuccessAlert>
      {measure.archivedAt ? (
        <Alert color="gray" variant="light">
          <Text size="sm">{t('editor.archivedNote')}</Text>
        </Alert>
      ) : null}
      <CustomMeasureForm existing={measure} />
    </Stack>
  );
}
