import 'i18next';
import type { namespaces } from './index';

type Namespaces = typeof namespaces;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { [Name in keyof Namespaces]: Namespaces[Name]['de'] };
  }
}
