import type { CollectionBeforeDeleteHook, CollectionBeforeOperationHook, Payload, Where } from 'payload'
import { languageOf } from '../../shared/bilingual'
import { publicError } from '../../shared/errors'
import { FROZEN_CONTENT_STATES } from '../review/frozen-states'

/** Guides named in a refusal; the rest are counted. */
const MAX_NAMED = 5

/**
 * The guides under review or approved (what a leader is looking at or approved for residents) that
 * offer the document `id` as a blank form or a filled sample.
 */
export async function frozenGuidesUsing(payload: Payload, id: string | number): Promise<string[]> {
  const found = await payload.find({
    collection: 'service-guides',
    where: {
      and: [{ reviewStatus: { in: [...FROZEN_CONTENT_STATES] } }, { or: [{ 'materials.blankForm': { equals: id } }, { 'materials.sample': { equals: id } }] }],
    },
    overrideAccess: true,
    depth: 0,
    pagination: false,
    select: { title: true },
  })
  return found.docs.map((guide) => guide.title)
}

function refusal(lang: 'zh' | 'en', titles: string[], deleting: boolean): Error {
  const named = titles.slice(0, MAX_NAMED)
  const more = titles.length - named.length
  if (lang === 'en') {
    const list = named.map((title) => `"${title}"`).join(', ') + (more > 0 ? ` and ${more} more` : '')
    return publicError(
      `This file is offered by service guides under review or approved (${list}): it cannot be ${deleting ? 'deleted' : 'replaced'}. Upload a new document and choose it in the guide; the guide then goes back to review.`,
      409,
    )
  }
  const list = named.map((title) => `《${title}》`).join('、') + (more > 0 ? ` 等 ${titles.length} 个` : '')
  return publicError(`该文件正被待审核或已通过的办事指南${list}使用，不能${deleting ? '删除' : '替换'}。请上传新文件并在指南中更换（指南将重新审核）。`, 409)
}

/**
 * What residents download is what the leader approved: the file of a document offered by a guide
 * under review or approved is not replaced (a new file through REST, GraphQL or the Local API);
 * its title can change. Refused in `beforeOperation`, before Payload deletes the old file.
 */
export const refuseReplacingApprovedDocument: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'update' || !req.file) return args
  const { id, where } = args as { id?: string | number; where?: Where }
  const ids =
    id != null
      ? [id]
      : where
        ? (await req.payload.find({ collection: 'documents', where, overrideAccess: true, depth: 0, pagination: false, select: {} })).docs.map((doc) => doc.id)
        : []
  const titles = (await Promise.all(ids.map((one) => frozenGuidesUsing(req.payload, one)))).flat()
  if (titles.length > 0) throw refusal(languageOf(req), [...new Set(titles)], false)
  return args
}

export const refuseDeletingApprovedDocument: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const titles = await frozenGuidesUsing(req.payload, id)
  if (titles.length > 0) throw refusal(languageOf(req), titles, true)
}
