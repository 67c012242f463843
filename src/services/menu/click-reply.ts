/** What a menu click answers: the item's reply text; GUIDE_LIST adds the titles of the service guides. */
import type { Payload } from 'payload'
import { APPROVED_STATES } from '../review/state-machine'
import type { PassiveReply } from '../../wechat/callback/types'
import { savedLeaves } from './convert'
import { GUIDE_LIST_KEY, type SavedMenu } from './types'

/** WeChat shows long passive texts badly (and caps them at 2,048 bytes): ten titles at most. */
const MAX_GUIDES = 10

export function menuClickReply(saved: SavedMenu, key: string, guideTitles: readonly string[]): PassiveReply | null {
  const item = savedLeaves(saved).find((leaf) => leaf.key === key)
  const heading = item?.replyText?.trim() ?? ''
  if (key === GUIDE_LIST_KEY) {
    const lines = guideTitles.slice(0, MAX_GUIDES).map((title, index) => `${index + 1}. ${title}`)
    const body = lines.length ? lines.join('\n') : '暂无办事指南，请稍后再来看看，或直接留言咨询。'
    return { kind: 'text', text: [heading || '办事指南：', body].join('\n') }
  }
  return heading ? { kind: 'text', text: heading } : null
}

export async function loadGuideTitles(payload: Payload): Promise<string[]> {
  const found = await payload.find({
    collection: 'policy-explainers',
    overrideAccess: true,
    depth: 0,
    limit: MAX_GUIDES,
    sort: '-updatedAt',
    select: { title: true },
    // Only guides a leader approved for residents to read.
    where: { reviewStatus: { in: [...APPROVED_STATES] } },
  })
  return found.docs.map((doc) => doc.title ?? '').filter(Boolean)
}
