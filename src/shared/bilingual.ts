/** Text in both admin languages (Chinese first; English when the user chose it), and how to pick one. Pure: the admin's client components import it too. */

/** A message in both admin languages. */
export type Bilingual = { zh: string; en: string }

/** Picks the label for the admin's current language; Chinese unless English was chosen. */
export const pick = (label: Bilingual, language: string | undefined): string => (language === 'en' ? label.en : label.zh)

/** The admin language of a request (`req.i18n.language`): English only when the user chose it. */
export const languageOf = (req: { i18n?: { language?: string } } | null | undefined): 'zh' | 'en' => (req?.i18n?.language === 'en' ? 'en' : 'zh')

/** The text of `message` in the request's admin language. */
export const say = (req: { i18n?: { language?: string } } | null | undefined, message: Bilingual): string => message[languageOf(req)]
