import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import type { CaseDocument, CaseFileView, Catalogue } from './types';

type Entry = Catalogue['requirements'][number];

/** Names and texts the case file refers to by id: people, catalogue entries, documents. */
export interface CaseLookup {
  /** A person's name; the workflow's clock for null. */
  person(userId: string | null): string;
  /** "ORG-1 (§4.1)" and the requirement's text in the page's language. */
  requirement(id: string): { label: string; text: string };
  /** A §5.2 audit element or a §5.1 application item, in words. */
  entry(id: string): string;
  /** An audit element's short name: its text up to the colon ("Vor-Ort-Audit"). */
  elementName(id: string): string;
  documents(ids: readonly string[]): CaseDocument[];
}

const LookupContext = createContext<CaseLookup | null>(null);

export function useCaseLookup(): CaseLookup {
  const lookup = useContext(LookupContext);
  if (!lookup) throw new Error('useCaseLookup outside a CaseLookupProvider');
  return lookup;
}

/** What the case file's parts below it look names up in. */
export function CaseLookupProvider({
  view,
  catalogue,
  children,
}: {
  view: CaseFileView;
  catalogue: Catalogue | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation('caseFile');
  const language = currentLanguage();
  const lookup = useMemo<CaseLookup>(() => {
    const people = new Map(view.people.map((person) => [person.userId, person.name]));
    const documents = new Map(view.documents.map((document) => [document.id, document]));
    const entries = new Map<string, Entry>(
      catalogue
        ? [...catalogue.requirements, ...catalogue.auditElements, ...catalogue.applicationItems].map(
            (entry) => [entry.id, entry],
          )
        : [],
    );
    return {
      person: (userId) =>
        userId === null ? t('people.clock') : (people.get(userId) ?? t('people.unknown', { id: userId })),
      requirement: (id) => {
        const entry = entries.get(id);
        return {
          label: entry ? `${id} (§ ${entry.section})` : id,
          text: entry?.text[language] ?? '',
        };
      },
      entry: (id) => entries.get(id)?.text[language] ?? id,
      elementName: (id) => entries.get(id)?.text[language].split(':')[0] ?? id,
      documents: (ids) =>
        ids.map(
          (id) =>
            documents.get(id) ?? {
              id,
              name: null,
              mediaType: null,
              size: null,
              uploadedBy: null,
              uploadedAt: null,
              uses: [],
            },
        ),
    };
  }, [view, catalogue, t, language]);
  return <LookupContext.Provider value={lookup}>{children}</LookupContext.Provider>;
}
