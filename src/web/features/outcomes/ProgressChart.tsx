import { Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../account/format.js';
import { ChangeText } from './ChangeText.js';
import { formatTotal } from './measureText.js';
import type { Progress } from './outcomesApi.js';
import { bandStripes, type ChartBox, placeScores, scorePath, scoreY } from './progressChart.js';

const box: ChartBox = { width: 640, height: 220, top: 12, right: 150, bottom: 28, left: 36 };
// From the best band to the worst; the order flips with the measure's direction.
const bandColours = ['teal', 'lime', 'yellow', 'orange', 'red', 'grape'];

/**
 * One measure over time: its bands shaded, each total a point, a point whose change from the
 * baseline reaches the MCID ringed and labelled. The SVG is one image with a text alternative; the
 * exact values are in a table under a disclosure.
 */
export function ProgressChart({ progress }: { progress: Progress }) {
  const { t, i18n } = useTranslation('outcomes');
  const when = useDateFormat();
  const titleId = useId();
  const descId = useId();
  const locale = i18n.resolvedLanguage ?? 'en';
  const signed = (delta: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta);
  const range = progress.range;
  if (!range) return <Text c="gray.7">{t('progress.noTotal', { name: progress.name })}</Text>;
  const placed = placeScores(box, range, progress.points);
  const stripes = bandStripes(box, range, progress.bands);
  const colourOf = (index: number) =>
    progress.direction === 'lower_is_better'
      ? bandColours[index % bandColours.length]
      : bandColours[(stripes.length - 1 - index) % bandColours.length];
  const bandName = (code: string | null) =>
    code ? (progress.bands.find((band) => band.code === code)?.label ?? code) : '';
  const first = placed[0];
  const last = placed.at(-1);
  const title = t('progress.chartTitle', { name: progress.name });
  const important = placed.filter((score) => score.point.change?.clinicallyImportant).length;
  const summary =
    first && last
      ? t('progress.summary', {
          count: placed.length,
          first: formatTotal(first.total, locale),
          last: formatTotal(last.total, locale),
          important,
        })
      : t('progress.empty');

  return (
    <Stack gap="xs" data-testid="progress-chart" data-measure={progress.measure} data-points={placed.length}>
      <Title order={3} size="h4">
        {progress.name}
      </Title>
      <svg
        viewBox={`0 0 ${box.width} ${box.height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        style={{ maxWidth: box.width, display: 'block' }}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{summary}</desc>
        {stripes.map((stripe, index) => (
          <g key={stripe.code}>
            <rect
              x={box.left}
              y={stripe.y}
              width={box.width - box.left - box.right}
              height={stripe.height}
              fill={`var(--mantine-color-${colourOf(index)}-1)`}
            />
            <text
              x={box.width - box.right + 6}
              y={stripe.y + stripe.height / 2}
              dominantBaseline="middle"
              fontSize="11"
              fill="var(--mantine-color-gray-8)"
            >
              {stripe.label}
            </text>
          </g>
        ))}
        {[range.min, range.max].map((tick) => (
          <text
            key={tick}
            x={box.left - 8}
            y={scoreY(box, range, tick)}
            textAnchor="end"
            dominantBaseline="middle"
            fontSize="12"
            fill="var(--mantine-color-gray-7)"
          >
            {tick}
          </text>
        ))}
        <line
          x1={box.left}
          x2={box.width - box.right}
          y1={box.height - box.bottom}
          y2={box.height - box.bottom}
          stroke="var(--mantine-color-gray-5)"
        />
        {first && last ? (
          <>
            <text x={box.left} y={box.height - 8} fontSize="12" fill="var(--mantine-color-gray-7)">
              {when.date(first.point.takenAt)}
            </text>
            {placed.length > 1 ? (
              <text
                x={box.width - box.right}
                y={box.height - 8}
                fontSize="12"
                textAnchor="end"
                fill="var(--mantine-color-gray-7)"
              >
                {when.date(last.point.takenAt)}
              </text>
            ) : null}
          </>
        ) : null}
        <path d={scorePath(placed)} fill="none" stroke="var(--mantine-color-blue-7)" strokeWidth="2" />
        {placed.map((score) => (
          <g key={score.point.responseId} data-testid="progress-point">
            {/* A change that reaches the MCID: a ring around the point and a star above it. */}
            {score.point.change?.clinicallyImportant ? (
              <>
                <circle
                  cx={score.x}
                  cy={score.y}
                  r="8"
                  fill="none"
                  stroke="var(--mantine-color-dark-6)"
                  strokeWidth="2"
                />
                <text
                  x={score.x}
                  y={score.y - 12}
                  textAnchor="middle"
                  fontSize="12"
                  fill="var(--mantine-color-dark-6)"
                >
                  ★
                </text>
              </>
            ) : null}
            <circle cx={score.x} cy={score.y} r="4" fill="var(--mantine-color-blue-7)" />
            {/* The change from the baseline beside each later point. */}
            {score.point.change ? (
              <text x={score.x + 10} y={score.y + 16} fontSize="11" fill="var(--mantine-color-gray-8)">
                {signed(score.point.change.delta)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <Text size="sm" c="gray.7">
        {progress.mcid === null
          ? t('progress.legendNoMcid')
          : t('progress.legend', { mcid: formatTotal(progress.mcid, locale) })}
      </Text>
      <details>
        <summary>
          <Text span size="sm">
            {t('progress.showValues')}
          </Text>
        </summary>
        <Table aria-label={title} maw={640} mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('history.taken')}</Table.Th>
              <Table.Th>{t('history.score')}</Table.Th>
              <Table.Th>{t('history.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {placed.map((score) => (
              <Table.Tr key={score.point.responseId}>
                <Table.Td>{when.dateTime(score.point.takenAt)}</Table.Td>
                <Table.Td>
                  {formatTotal(score.total, locale)} {bandName(score.point.band)}
                </Table.Td>
                <Table.Td>
                  <ChangeText change={score.point.change} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </Stack>
  );
}
