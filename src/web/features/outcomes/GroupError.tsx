import { Text } from '@mantine/core';

/**
 * A problem with a whole fieldset (an item, a band, the list), shown under its legend; the fieldset
 * names it with aria-describedby. Focusable, so the form can move to it.
 */
export function GroupError({ id, children }: { id: string; children: string | undefined }) {
  if (!children) return null;
  return (
    <Text
      id={id}
      c="var(--mantine-color-error)"
      size="sm"
      role="alert"
      tabIndex={-1}
      data-testid="group-error"
    >
      {children}
    </Text>
  );
}
