import { Button, FileInput, Group, Image, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { SuccessAlert } from '../account/Feedback.js';
import { useClinicalErrors } from '../clients/errors.js';
import type { Exercise } from '../library/libraryApi.js';
import { uploadMedia } from './exercisesApi.js';

const ACCEPT = 'image/jpeg,image/png,image/webp,video/mp4,video/webm';

/** The exercise's images and videos, and uploading another (413 and 415 answers said plainly). */
export function MediaSection({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadMedia(exercise.id, chosen),
    onSuccess: async () => {
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ['exercises'] });
    },
  });

  return (
    <Stack gap="sm" data-testid="exercise-media">
      <Title order={2} size="h4">
        {t('exercise.media')}
      </Title>
      {exercise.media.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('exercise.noMedia')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {exercise.media.map((media, index) =>
            media.kind === 'image' ? (
              <Image
                key={media.id}
                src={`/api/v1/media/${media.id}`}
                alt={t('exercise.imageAlt', { number: index + 1 })}
                radius="sm"
                h={120}
                fit="contain"
              />
            ) : (
              // biome-ignore lint/a11y/useMediaCaption: practitioners' own exercise videos come without captions
              <video
                key={media.id}
                src={`/api/v1/media/${media.id}`}
                controls
                preload="metadata"
                aria-label={t('exercise.videoLabel', { number: index + 1 })}
                style={{ width: '100%', maxHeight: 160 }}
              />
            ),
          )}
        </SimpleGrid>
      )}
      <Group align="flex-end" gap="sm">
        <FileInput
          label={t('exercise.file')}
          description={t('exercise.mediaHint')}
          placeholder={t('exercise.filePlaceholder')}
          accept={ACCEPT}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            upload.reset();
          }}
          clearable
          w={320}
        />
        <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
          {t('exercise.upload')}
        </Button>
      </Group>
      <FormError>{upload.isError ? errors.message(upload.error) : undefined}</FormError>
      <SuccessAlert>{upload.isSuccess ? t('exercise.uploaded') : undefined}</SuccessAlert>
    </Stack>
  );
}
