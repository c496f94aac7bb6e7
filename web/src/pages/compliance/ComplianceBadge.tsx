import type { ComplianceRule, ComplianceStatus } from '@domain/compliance';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { compliance } from './messages';

// Every rule and status of the domain has its words (a missing one does not compile).
compliance.de.rules satisfies Record<ComplianceRule, string>;
compliance.de.status satisfies Record<ComplianceStatus, string>;

const colors: Record<ComplianceStatus, string> = { held: 'green', violated: 'red', pending: 'gray' };

/** held / violated / pending, in words and colour (the words carry it; the colour only helps). */
export function ComplianceBadge({ status }: { status: ComplianceStatus }) {
  const { t } = useTranslation('compliance');
  return (
    <Badge variant="dot" color={colors[status]} tt="none" data-compliance={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** A detail word of the API (`submitted_late`, …); one this version does not know is shown as it is. */
export function useDetailText() {
  const { t } = useTranslation('compliance');
  return (detail: string) =>
    detail in compliance.de.detail ? t(`detail.${detail as keyof typeof compliance.de.detail}`) : detail;
}
