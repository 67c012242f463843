export type Bilingual = { zh: string; en: string }

/** Picks the label for the admin's current language; Chinese unless English was chosen. */
export const pick = (label: Bilingual, language: string | undefined): string => (language === 'en' ? label.en : label.zh)
