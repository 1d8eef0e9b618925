import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de, en, type Messages } from './messages';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'konform.language';

/** English must have every German key; a unit test checks the reverse. */
const english: Messages = en;

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'de';
}

/** Switches the UI language, remembers it and keeps `<html lang>` in step. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage may be unavailable (private mode); the switch still applies
  }
  await i18next.changeLanguage(language);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: english } },
    lng: storedLanguage(),
    fallbackLng: 'de',
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = currentLanguage();
}

export { i18next };
