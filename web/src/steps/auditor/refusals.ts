import { useTranslation } from 'react-i18next';

/** The forms' texts for the API's refusal codes (`not_assigned`, `audit_date_in_past`, …). */
export function useRefusals(): Readonly<Record<string, string>> {
  const { t } = useTranslation('auditorSteps');
  return t('refusals', { returnObjects: true });
}
