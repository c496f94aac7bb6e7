/**
 * react-i18next with every catalogue loaded up front (they are small; loading them lazily would
 * flash raw keys). German is the default; the choice is kept in localStorage and set as <html lang>.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { auth } from '../auth/messages';
import { caseFile } from '../case-file/messages';
import { cases } from '../cases/messages';
import { caseEvents } from '../pages/accreditation/event-messages';
import { accreditation } from '../pages/accreditation/messages';
import { accreditations } from '../pages/accreditations/messages';
import { certificate } from '../pages/certificate/messages';
import { complaints } from '../pages/complaints/messages';
import { compliance } from '../pages/compliance/messages';
import { dashboard } from '../pages/dashboard/messages';
import { decisions } from '../pages/decisions/messages';
import { portal } from '../pages/organisation/messages';
import { register } from '../pages/register/messages';
import { step } from '../pages/step/messages';
import { tasks } from '../pages/tasks/messages';
import { users } from '../pages/users/messages';
import { scopeChange } from '../scope-change/messages';
import { auditorSteps } from '../steps/auditor/messages';
import { decisionSteps } from '../steps/decision/messages';
import { organisationSteps } from '../steps/organisation/messages';
import { staffSteps } from '../steps/staff/messages';
import { common } from './common';

/** Every namespace, German and English; a page adds its own here. */
export const namespaces = {
  common,
  auth,
  register,
  step,
  caseFile,
  tasks,
  accreditation,
  caseEvents,
  auditorSteps,
  decisionSteps,
  portal,
  organisationSteps,
  certificate,
  cases,
  dashboard,
  decisions,
  accreditations,
  users,
  staffSteps,
  compliance,
  scopeChange,
  complaints,
} as const;

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'dim.language';

const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

function storedLanguage(): Language | undefined {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

const resources = Object.fromEntries(
  languages.map((language) => [
    language,
    Object.fromEntries(Object.entries(namespaces).map(([name, messages]) => [name, messages[language]])),
  ]),
);

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage() ?? 'de',
  fallbackLng: 'de',
  supportedLngs: [...languages],
  ns: Object.keys(namespaces),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private mode without storage: the choice lasts for this page's life.
  }
});

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'de';
}

/** On signing in: the person's own language (as in their e-mails), unless this browser chose one. */
export function adoptLanguage(language: Language) {
  if (!storedLanguage() && language !== i18n.language) void i18n.changeLanguage(language);
}
