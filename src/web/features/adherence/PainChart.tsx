import { Stack, Table, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { averagePath, type ChartBox, PAIN_MAX, painRange, painY, placePain } from './chart.js';
import { useDayFormat } from './format.js';

const box: ChartBox = { width: 640, height: 200, top: 12, right: 16, bottom: 28, left: 32 };
const ticks = [0, 5, PAIN_MAX];

/**
 * Average and highest pain per day over the period. The SVG is one image with a text alternative
 * that states the range; the exact numbers are in a table under a disclosure, for screen readers
 * and anyone who wants them.
 */
export function PainChart(props: {
  period: { from: string; to: string };
  trend: { date: string; average: number; max: number }[];
}) {
  const { t } = useTranslation('care');
  const day = useDayFormat();
  const titleId = useId();
  const descId = useId();
  const points = placePain(box, props.period, props.trend);
  const range = painRange(points);
  if (!range) return <Text c="dimmed">{t('pain.none')}</Text>;

  const summary = t('pain.summary', {
    count: points.length,
    lowest: range.lowest,
    highest: range.highest,
    worst: range.worst.max,
    date: day.short(range.worst.date),
  });
  const line = averagePath(points);
  return (
    <Stack gap="xs" data-testid="pain-chart">
      <svg
        viewBox={`0 0 ${box.width} ${box.height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        style={{ maxWidth: box.width, display: 'block' }}
      >
        <title id={titleId}>{t('pain.chartTitle')}</title>
        <desc id={descId}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={box.left}
              x2={box.width - box.right}
              y1={painY(box, tick)}
              y2={painY(box, tick)}
              stroke="var(--mantine-color-gray-4)"
              strokeDasharray={tick === 0 ? undefined : '4 4'}
            />
            <text
              x={box.left - 8}
              y={painY(box, tick)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="12"
              fill="var(--mantine-color-dimmed)"
            >
              {tick}
            </text>
          </g>
        ))}
        <text x={box.left} y={box.height - 8} fontSize="12" fill="var(--mantine-color-dimmed)">
          {day.short(props.period.from)}
        </text>
        <text
          x={box.width - box.right}
          y={box.height - 8}
          fontSize="12"
          textAnchor="end"
          fill="var(--mantine-color-dimmed)"
        >
          {day.short(props.period.to)}
        </text>
        {line ? <path d={line} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth="2" /> : null}
        {points.map((point) => (
          <g key={point.date}>
            {/* The day's worst pain: a hollow red ring above (or on) its average. */}
            <circle
              cx={point.x}
              cy={point.yMax}
              r="5"
              fill="none"
              stroke="var(--mantine-color-red-6)"
              strokeWidth="2"
            />
            <circle cx={point.x} cy={point.yAverage} r="4" fill="var(--mantine-color-blue-6)" />
          </g>
        ))}
      </svg>
      <Text size="sm" c="dimmed">
        {t('pain.legend')}
      </Text>
      <details>
        <summary>
          <Text span size="sm">
            {t('pain.showValues')}
          </Text>
        </summary>
        <Table aria-label={t('pain.chartTitle')} maw={420} mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pain.day')}</Table.Th>
              <Table.Th>{t('pain.average')}</Table.Th>
              <Table.Th>{t('pain.max')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((point) => (
              <Table.Tr key={point.date}>
                <Table.Td>{day.medium(point.date)}</Table.Td>
                <Table.Td>{point.average}</Table.Td>
                <Table.Td>{point.max}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </Stack>
  );
}
