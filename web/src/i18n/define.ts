/** A catalogue: nested keys, string values. */
export interface Catalogue {
  readonly [key: string]: string | Catalogue;
}

/** The English catalogue must have exactly the keys of the German one (German is the reference). */
export type SameKeys<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

/**
 * One namespace's texts, German and English side by side, so a key missing in one language is a
 * type error. Pages keep their namespace next to them and add it to `namespaces` in i18n/index.ts.
 */
export function defineMessages<const T extends Catalogue>(messages: { de: T; en: SameKeys<T> }) {
  return messages;
}
