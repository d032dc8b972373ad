import { Image, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchMediaBlob } from '../offlineData.js';
import type { PatientMedia } from '../types.js';

/**
 * An image or video of the exercise. The media route needs the bearer token, which <img> and <video>
 * cannot send, so the file is fetched (from the service worker's copy when offline) and shown from a
 * blob: URL; a blob is fully in memory, so the video can be seeked anywhere.
 */
function useBlobUrl(id: string): { url?: string; failed: boolean } {
  const [state, setState] = useState<{ url?: string; failed: boolean }>({ failed: false });
  useEffect(() => {
    const abort = new AbortController();
    let url: string | undefined;
    fetchMediaBlob(id, abort.signal).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        setState({ url, failed: false });
      },
      () => {
        if (!abort.signal.aborted) setState({ failed: true });
      },
    );
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);
  return state;
}

function MediaItem({ media, label }: { media: PatientMedia; label: string }) {
  const { t } = useTranslation('patient');
  const { url, failed } = useBlobUrl(media.id);
  if (failed)
    return (
      <Text size="sm" c="gray.7">
        {t('exercise.mediaFailed')}
      </Text>
    );
  if (!url) return <div style={{ aspectRatio: '4 / 3', background: 'var(--mantine-color-gray-1)' }} />;
  if (media.kind === 'video')
    return (
      // biome-ignore lint/a11y/useMediaCaption: exercise demonstrations are silent; the steps are written out below.
      <video
        src={url}
        controls
        playsInline
        preload="metadata"
        aria-label={label}
        style={{ width: '100%', borderRadius: 8 }}
        data-testid="exercise-video"
      />
    );
  return <Image src={url} alt={label} radius="md" data-testid="exercise-image" />;
}

/** All images and videos of an exercise, in order. */
export function MediaView({ media, title }: { media: PatientMedia[]; title: string }) {
  const { t } = useTranslation('patient');
  if (media.length === 0) return null;
  return (
    <Stack gap="sm">
      {media.map((item, index) => (
        <MediaItem
          key={item.id}
          media={item}
          label={
            item.kind === 'video'
              ? t('exercise.video', { title })
              : t('exercise.image', { number: index + 1, title })
          }
        />
      ))}
    </Stack>
  );
}
