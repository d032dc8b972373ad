import type { Namespaces } from './resources.js';

// Typed translation keys: `t('nav.clients')` is checked against the English resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Namespaces;
  }
}
