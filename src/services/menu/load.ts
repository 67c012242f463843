/** Reads the saved menu (falling back to the defaults before anyone saved it). */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { defaultMenuButtons } from './defaults'
import type { SavedMenu } from './types'

export async function loadSavedMenu(payload: Payload): Promise<SavedMenu> {
  const doc = await payload.findGlobal({ slug: 'wechat-menu', overrideAccess: true, depth: 0 })
  const buttons = Array.isArray(doc?.buttons) && doc.buttons.length > 0 ? doc.buttons : defaultMenuButtons()
  return { account: idOf(doc?.account), buttons }
}
