import i18next, { type i18n as I18n, type TFunction } from "i18next";
import { en } from "./en";

export const resources = { en: { translation: en } } as const;
export const supportedLocales = ["en", "es"] as const;
export type SupportedLocale = (typeof supportedLocales)[number];

declare module "i18next" {
  interface CustomTypeOptions {
    resources: (typeof resources)["en"];
  }
}

/** Resources are bundled, so initialisation is synchronous on the server and in the browser. */
export function createI18n(lng: string = "en"): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: "en",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const shared = new Map<string, I18n>();

/** One instance per supported locale, shared by every render: nothing changes an instance once initialised. */
export function i18nFor(lng: string): I18n {
  let instance = shared.get(lng);
  if (!instance) {
    instance = createI18n(lng);
    if ((supportedLocales as readonly string[]).includes(lng)) shared.set(lng, instance);
  }
  return instance;
}

/** A server-side translator for emails and messages built outside React. */
export const serverI18n = createI18n("en");
export const t = serverI18n.t.bind(serverI18n);

/**
 * Translates a key known only when the code runs: a rule's refusal (DomainError.message), a notice,
 * a navigation label, a vocabulary value read from the database. i18next's types accept literal keys
 * only; at run time a key missing from the catalogue comes back as the key itself.
 */
export function translateKey(t: TFunction, key: string, values?: Readonly<Record<string, string | number>>): string {
  return (t as unknown as (key: string, values?: Readonly<Record<string, string | number>>) => string)(key, values);
}
