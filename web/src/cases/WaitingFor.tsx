import type { WaitingReason } from '@domain/waiting';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoment } from '../app/format';
import { currentLanguage } from '../i18n';

export interface Waiting {
  reason: WaitingReason;
  until: string | null;
}

/** What a case waits for and until when (the API's `waitingFor`), in words: "Einspruchsfrist … – bis …". */
export function useWaitingText(): (waiting: Waiting | null | undefined) => string {
  const { t } = useTranslation('cases');
  const language = currentLanguage();
  return (waiting) => {
    if (!waiting) return t('notWaiting');
    const reason = t(`waiting.${waiting.reason}`);
    if (!waiting.until) return t('waitsForPerson', { reason });
    // The audit is a day; every other wait ends at a moment, shown with its zone.
    const date =
      waiting.reason === 'audit_date'
        ? formatDate(waiting.until, language)
        : formatMoment(waiting.until, language);
    return t('waitsUntil', { reason, date });
  };
}
