/**
 * Counts CLICK and VIEW events per account, key and Beijing day, from the inbound queue.
 * The worker may run a row again (a crash after counting, a failed status update), so counting is
 * a ledger insert unique by the queue key plus a recount: running it twice leaves the same total.
 */
import type { Payload } from 'payload'
import { compareAndSet } from '../../shared/cas'
import { shanghaiDate } from '../../shared/time'
import { xmlText, type XmlRecord } from '../../wechat/xml'
import { savedLeaves } from './convert'
import { loadSavedMenu } from './load'

/** WeChat caps keys at 128 bytes and URLs at 1,024. */
const MAX_KEY_CHARS = 1024

export async function countMenuEvent(payload: Payload, accountId: string, inboundKey: string, record: XmlRecord): Promise<void> {
  const event = xmlText(record, 'Event')
  const key = xmlText(record, 'EventKey').slice(0, MAX_KEY_CHARS)
  if ((event !== 'CLICK' && event !== 'VIEW') || !key) return
  const at = new Date(Number(xmlText(record, 'CreateTime')) * 1000)
  const day = shanghaiDate(at)
  const bucket = `${accountId}:${day}:${event}:${key}`

  await createUnlessExists(
    () => payload.create({ collection: 'menu-click-log', overrideAccess: true, depth: 0, data: { inboundKey, bucket, at: at.toISOString() } }),
    () => payload.count({ collection: 'menu-click-log', overrideAccess: true, where: { inboundKey: { equals: inboundKey } } }),
  )
  const name = await menuNameOf(payload, accountId, key)
  await createUnlessExists(
    () => payload.create({ collection: 'menu-clicks', overrideAccess: true, depth: 0, data: { bucket, account: accountId, key, event, day, count: 0, name } }),
    () => payload.count({ collection: 'menu-clicks', overrideAccess: true, where: { bucket: { equals: bucket } } }),
  )
  const { totalDocs } = await payload.count({ collection: 'menu-click-log', overrideAccess: true, where: { bucket: { equals: bucket } } })
  // Only ever raise the total: a worker that counted before another's insert must not lower it.
  await compareAndSet(payload, 'menu-clicks', { and: [{ bucket: { equals: bucket } }, { count: { less_than: totalDocs } }] }, { count: totalDocs })
}

/**
 * Inserts the row (`create`) unless its unique field is taken (a retry, or another worker first):
 * a failed insert is an error only when `countTaken` finds no row holding that value.
 */
async function createUnlessExists(create: () => Promise<unknown>, countTaken: () => Promise<{ totalDocs: number }>): Promise<void> {
  try {
    await create()
  } catch (error) {
    const { totalDocs } = await countTaken()
    if (totalDocs === 0) throw error
  }
}

/** The button's name when the key (or, for VIEW, the URL) is in the account's saved menu: easier to read in reports. */
async function menuNameOf(payload: Payload, accountId: string, key: string): Promise<string | null> {
  const leaf = savedLeaves(await loadSavedMenu(payload, accountId)).find((item) => item.key === key || item.url === key)
  return leaf?.name ?? null
}
