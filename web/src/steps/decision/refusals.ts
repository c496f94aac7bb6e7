import { useTranslation } from 'react-i18next';

/** The decision forms' texts for the API's refusal codes (`four_eyes_violation`, …). */
export function useDecisionRefusals(): Readonly<Record<string, string>> {
  const { t } = useTranslation('decisionSteps');
  return t('refusals', { returnObjects: true });
}
