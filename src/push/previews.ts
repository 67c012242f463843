import type { Payload } from 'payload'
import type { PushGateway } from './gateway'
import { PUSH_SYSTEM_CONTEXT, itemRefs } from './refs'
import { appendStep, readPush, type PushDoc } from './store'

/** Sends the bundle as WeChat will show it to every leader who bound a WeChat openid. */
export async function sendPreviews(payload: Payload, pushId: string, gateway: PushGateway): Promise<PushDoc | null> {
  const push = await readPush(payload, pushId)
  if (!push) return null
  const leaders = await payload.find({
    collection: 'users',
    overrideAccess: true,
    depth: 0,
    limit: 50,
    where: { and: [{ role: { equals: 'leader' } }, { active: { not_equals: false } }, { wechatOpenid: { exists: true } }] },
  })
  const bound = leaders.docs.filter((leader) => typeof leader.wechatOpenid === 'string' && leader.wechatOpenid !== '')
  if (bound.length === 0) return appendStep(payload, push.id, { step: 'preview', ok: true, detail: '没有绑定微信的领导，未发送预览' })
  let mediaId: string
  try {
    mediaId = (await gateway.createDraft(itemRefs(push.items))).mediaId
  } catch (error) {
    return appendStep(payload, push.id, { step: 'preview', ok: false, detail: `预览草稿生成失败：${(error as Error).message}` })
  }
  const previews = [...(Array.isArray(push.previews) ? push.previews : [])]
  for (const leader of bound) {
    const at = new Date().toISOString()
    try {
      const { msgId } = await gateway.preview({ mediaId, openid: String(leader.wechatOpenid) })
      previews.push({ user: leader.id, at, msgId })
    } catch (error) {
      previews.push({ user: leader.id, at, error: (error as Error).message })
    }
  }
  await payload.update({ collection: 'weekly-pushes', id: push.id, overrideAccess: true, context: { [PUSH_SYSTEM_CONTEXT]: true }, data: { previews } })
  return appendStep(payload, push.id, { step: 'preview', ok: true, detail: `已向 ${bound.length} 位领导发送预览` })
}
