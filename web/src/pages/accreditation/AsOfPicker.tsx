import { Anchor, Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

/** `2026-11-27T18:30:05.000Z` as the browser's local `2026-11-27T19:30:05` for datetime-local. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

/** Picks a moment (to the second, local time) and shows the case as of then: `?asOf=<instant>`. */
export function AsOfPicker({ asOf }: { asOf: string | undefined }) {
  const { t } = useTranslation('accreditation');
  const [, setSearchParams] = useSearchParams();
  const [value, setValue] = useState(() => toLocalInput(asOf));
  const [error, setError] = useState<string | null>(null);
  const show = (event: React.FormEvent) => {
    event.preventDefault();
    const moment = new Date(value);
    if (!value || Number.isNaN(moment.getTime())) {
      setError(t('asOf.invalid'));
      return;
    }
    setError(null);
    setSearchParams({ asOf: moment.toISOString() });
  };
  return (
    <form onSubmit={show} aria-label={t('asOf.label')}>
      <Group align="flex-end" gap="sm">
        <TextInput
          type="datetime-local"
          step={1}
          label={t('asOf.label')}
          description={t('asOf.description')}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          error={error}
          style={{ flex: '1 1 16rem' }}
        />
        <Button type="submit" variant="default">
          {t('asOf.show')}
        </Button>
        {asOf && (
          <Anchor component={Link} to={{ search: '' }} py={6}>
            {t('asOf.now')}
          </Anchor>
        )}
      </Group>
    </form>
  );
}
