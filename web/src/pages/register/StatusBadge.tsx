import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { paths } from '../../api/schema';

export type RegisterEntry =
  paths['/register/{certificateNumber}']['get']['responses'][200]['content']['application/json'];
type Status = RegisterEntry['status'];

const colors: Record<Status, string> = {
  valid: 'green',
  suspended: 'orange',
  withdrawn: 'red',
  expired: 'gray',
};

/** The status in words with a coloured dot (the text keeps full contrast; the colour only adds). */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation('register');
  return (
    <Badge variant="dot" color={colors[status]} size="lg" tt="none" miw="max-content">
      {t(`status.${status}`)}
    </Badge>
  );
}
