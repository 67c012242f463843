/** A push's item references: which content items, in order, the bundle holds. */
import { idOf } from '../../access/roles'
import { isContentCollection, type ContentCollection } from '../content/types'

export interface ItemRef {
  relationTo: ContentCollection
  value: string
}

/** The ordered item references of a push, whether populated or not. */
export function itemRefs(items: unknown): ItemRef[] {
  if (!Array.isArray(items)) return []
  return items.flatMap((entry) => {
    const ref = entry as { relationTo?: unknown; value?: unknown }
    const value = idOf(ref?.value)
    return isContentCollection(ref?.relationTo) && value ? [{ relationTo: ref.relationTo, value }] : []
  })
}

export const sameRefs = (a: ItemRef[], b: ItemRef[]): boolean =>
  a.length === b.length && a.every((ref, index) => ref.relationTo === b[index].relationTo && ref.value === b[index].value)
