import { SUB_MENU_TYPE } from './button-types'

export interface PreviewButton {
  name: string
  type: string
  subButtons: string[]
}

export type Fields = Record<string, { value?: unknown } | undefined>

/** The menu as the form holds it now (unsaved edits included), from Payload's flat form state. */
export function previewButtons(fields: Fields): PreviewButton[] {
  const rows = (path: string): number => {
    const value = fields[path]?.value
    return typeof value === 'number' ? value : Array.isArray(value) ? value.length : 0
  }
  const text = (path: string): string => (typeof fields[path]?.value === 'string' ? (fields[path]!.value as string) : '')
  return Array.from({ length: rows('buttons') }, (_, index) => {
    const base = `buttons.${index}`
    const type = text(`${base}.type`)
    const subButtons = type === SUB_MENU_TYPE ? Array.from({ length: rows(`${base}.subButtons`) }, (_, sub) => text(`${base}.subButtons.${sub}.name`)) : []
    return { name: text(`${base}.name`), type, subButtons }
  })
}
