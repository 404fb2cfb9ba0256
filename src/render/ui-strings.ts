/**
 * The words vkdoc itself adds to a page (accessible names, placeholders), in
 * the page's language: the languages of the docs (`ru`, `en`, `kz`); any
 * other language gets English.
 */

const strings = {
  en: {'note-info': 'Note', 'note-warn': 'Warning', 'note-err': 'Caution', 'include-missing': 'Fragment not included: ', video: 'Video'},
  ru: {'note-info': 'Примечание', 'note-warn': 'Предупреждение', 'note-err': 'Внимание', 'include-missing': 'Фрагмент не включён: ', video: 'Видео'},
  kz: {'note-info': 'Ескертпе', 'note-warn': 'Ескерту', 'note-err': 'Назар аударыңыз', 'include-missing': 'Фрагмент қосылмаған: ', video: 'Бейне'},
} as const

export type UiString = keyof (typeof strings)['en']

/** The languages vkdoc has words for. */
export const uiLanguages: readonly string[] = Object.keys(strings)

/** A UI string in `lang` (English for a language vkdoc has no words for). */
export function uiString(lang: string, key: UiString): string {
  return (Object.hasOwn(strings, lang) ? strings[lang as keyof typeof strings] : strings.en)[key]
}
