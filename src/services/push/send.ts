import { createHash } from 'node:crypto'
import { isAccountError } from '../../wechat/client/errors'
import { responsibleStaff } from './account-scope'
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { notify } from '../notifications/notify'
import { bundleProblems, loadBundle, type AccountPushes } from './candidates'
import { resolveAudience } from './audience'
import type { GatewayFailure, PushGateway } from './gateway'
import { itemRefs } from './item-refs'
import type { PushSettings } from './settings'
import { SENDABLE_PUSH_STATUSES, inStatusGroup } from './status'
import { applyPendingMassResult } from './result'
import { pushStatusName } from './labels'
import { pushMovesItems, readPush, savePush, setItemStates, type PushDoc } from './store'

export const CLAIM_LEASE_MS = 10 * 60_000
/** WeChat answers 45066 to the same clientmsgid within a minute: an unknown outcome waits this long. */
export const RESEND_WAIT_MS = 65_000
const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000

export type SendOutcome =
  | { kind: 'sent'; msgId: string; settledBy: 'answer' | '45065' }
  | { kind: 'not-claimed'; reason: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unknown-outcome'; retryAfter: Date }
  | { kind: 'failed'; reason: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'needs-attention'; reason: string }

export interface SendOptions {
  payload: Payload
  pushId: string
  gateway: PushGateway
  settings: PushSettings
  /** Who is sending: an instance id. */
  owner: string
  now?: () => Date
  /** The slot: Friday's failure closes the week. */
  finalAttempt: boolean
  /** Told after each step is saved (logging; crash tests). */
  onStep?: (step: string) => void | Promise<void>
  /**
   * The push's `updatedAt` the caller decided on (a scheduler tick): the send is claimed only if the
   * push has not changed since, so a second scheduler that decided on the same state does not start
   * another attempt after the first one's attempt ended (e.g. failed) in between.
   */
  decidedOn?: string
  /**
   * The account's pushes as the caller read them in this operation (a scheduler tick that has just
   * checked the bundle), so the send's own check of the bundle does not read them again; without it
   * the send reads them. Never one read before a person's confirmation (candidates.ts AccountPushes).
   */
  accountPushes?: AccountPushes
}

/** ≤ 64 bytes, the same for every attempt at one account's week: WeChat's idempotency key. */
export const clientMsgIdFor = (accountId: string, week: string): string =>
  `wk-${week}-${createHash('sha256').update(`${accountId}:${week}`).digest('hex').slice(0, 32)}`

export function asFailure(error: unknown): GatewayFailure {
  const e = error as { errcode?: unknown; meaning?: unknown; kind?: unknown; existingMsgId?: unknown; message?: unknown }
  const errcode = typeof e?.errcode === 'number' ? e.errcode : null
  return {
    errcode,
    meaning: typeof e?.meaning === 'string' ? e.meaning : String(e?.message ?? error),
    outcomeUnknown: e?.kind === 'network' || e?.kind === 'timeout' || (e?.kind === 'http' && errcode === null) || errcode === 45066,
    existingMsgId: e?.existingMsgId != null ? String(e.existingMsgId) : null,
  }
}

/**
 * Sends one signed-off weekly push, exactly once. The send is claimed in the database before any
 * WeChat call; every step is saved before the next, so a crash, a restart or a second instance
 * resumes from the saved step. A lost `sendall` answer is settled by sending again with the same
 * clientmsgid within 24 h (45065 carries the original msg_id) — never by a fresh send.
 */
export async function sendWeeklyPush(options: SendOptions): Promise<SendOutcome> {
  const { payload, owner } = options
  const now = options.now ?? (() => new Date())

  const push = await readPush(payload, options.pushId)
  if (!push) return { kind: 'not-claimed', reason: '推送不存在' }
  const claimable =
    (inStatusGroup(SENDABLE_PUSH_STATUSES, push.status) && push.signedOffAt) ||
    (push.status === 'sending' && (!push.claimedUntil || new Date(push.claimedUntil) <= now()))
  if (!claimable)
    return { kind: 'not-claimed', reason: `状态为「${pushStatusName(String(push.status))}」${push.status === 'sending' ? '，另一进程正在发送' : ''}` }
  if (options.decidedOn && String(push.updatedAt) !== options.decidedOn) return { kind: 'not-claimed', reason: '推送刚被另一进程处理过' }

  // The claim: only one instance moves the push to `sending` (or takes over an expired claim).
  const claimedUntil = new Date(now().getTime() + CLAIM_LEASE_MS).toISOString()
  try {
    const claimed = await savePush(
      payload,
      push,
      { status: 'sending', claimedBy: owner, claimedUntil, attempts: Number(push.attempts ?? 0) + (push.status === 'sending' ? 0 : 1) },
      { step: push.status === 'sending' ? 'resume' : 'claim', ok: true, detail: owner },
      { and: [{ status: { equals: push.status } }, { updatedAt: { equals: push.updatedAt } }] },
    )
    if (!claimed) return { kind: 'not-claimed', reason: '另一进程先取得了发送权' }
    return await sendClaimed(options, claimed)
  } catch (error) {
    // A tick that fails mid-way (a database error, a crash of this tick's code) leaves nothing
    // claimed: the push stays `sending` with every step saved so far, and the next tick, on any
    // instance, resumes from there at once instead of after the lease.
    await savePush(
      payload,
      push,
      { claimedBy: null, claimedUntil: null },
      {
        step: 'interrupted',
        ok: false,
        detail: `本次发送中断，下一次定时任务将从已保存的步骤继续：${String((error as Error)?.message ?? error).slice(0, 300)}`,
      },
      { and: [{ status: { equals: 'sending' } }, { claimedBy: { equals: owner } }] },
    ).catch(() => null)
    throw error
  }
}

/** The send after the claim: every step saved before the next. */
async function sendClaimed(options: SendOptions, claimed: PushDoc): Promise<SendOutcome> {
  const { payload, gateway, owner } = options
  const now = options.now ?? (() => new Date())
  const step = async (name: string) => options.onStep?.(name)
  let push: PushDoc = claimed
  await step('claimed')

  const release = async (data: Partial<PushDoc>, entry: { step: string; ok: boolean; detail?: string }) => {
    const saved = await savePush(payload, push, { ...data, claimedBy: null, claimedUntil: data.claimedUntil ?? null }, entry, {
      and: [{ status: { equals: 'sending' } }, { claimedBy: { equals: owner } }],
    })
    if (saved) push = saved
    return saved
  }
  const refs = itemRefs(push.items)
  const wechat = push.wechat ?? {}

  if (!wechat.msgId && !wechat.sendRequestedAt) {
    // Nothing reached WeChat's send yet: check the bundle as it is now.
    const items = await loadBundle(payload, refs, options.accountPushes ?? idOf(push.account), String(push.id))
    const problems = items.flatMap((item) => bundleProblems(item, push!.id, now()).map((p) => `《${item.title}》${p}`))
    if (items.length < options.settings.minItems) problems.unshift(`有效内容只有 ${items.length} 条，至少需要 ${options.settings.minItems} 条`)
    const audience = await resolveAudience(payload, push)
    if ('error' in audience) problems.push(audience.error)
    if (problems.length) return closeOrWait(options, release, problems.join('；'))
  }

  const clientMsgId = wechat.clientmsgid ?? clientMsgIdFor(idOf(push.account) ?? '', push.week)
  let draftMediaId = wechat.draftMediaId
  if (!draftMediaId && !wechat.sendRequestedAt) {
    try {
      draftMediaId = (await gateway.createDraft(refs)).mediaId
    } catch (error) {
      // An account failure (unknown AppID, wrong AppSecret, IP whitelist) is said to be one, so
      // nobody goes looking for it in the items.
      const accountHint = isAccountError(error)
        ? '。这是公众号本身的问题，不是某篇内容的问题：请核对 微信 → 公众号 中该公众号的 AppID 和 AppSecret，以及公众平台的 IP 白名单'
        : ''
      return failBeforeSend(options, release, `生成图文草稿失败：${asFailure(error).meaning}${accountHint}`)
    }
    const saved = await savePush(
      payload,
      push,
      { wechat: { ...wechat, clientmsgid: clientMsgId, draftMediaId } },
      { step: 'draft', ok: true, detail: `media_id ${draftMediaId}` },
      { claimedBy: { equals: owner } },
    )
    if (!saved) return { kind: 'not-claimed', reason: '发送权已被接管' }
    push = saved
    await step('draft')
  }

  let msgId = wechat.msgId
  let settledBy: 'answer' | '45065' = 'answer'
  if (!msgId) {
    const requestedAt = wechat.sendRequestedAt ? new Date(wechat.sendRequestedAt) : null
    if (requestedAt && now().getTime() - requestedAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
      const reason = '群发请求已超过 24 小时仍不知结果：请在公众平台"已群发"中核实，系统不会再次发送'
      await release({ status: 'failed', needsAttention: true, statusReason: reason }, { step: 'needs-attention', ok: false, detail: reason })
      await tellLeaders(payload, push, '【需要人工处理】本周推送结果未知', reason)
      return { kind: 'needs-attention', reason }
    }
    // Saved before the call: after a crash here, the next attempt knows a send may have happened.
    const marked = await savePush(
      payload,
      push,
      { wechat: { ...(push.wechat ?? {}), clientmsgid: clientMsgId, sendRequestedAt: (requestedAt ?? now()).toISOString() } },
      { step: 'sendall-requested', ok: true, detail: `clientmsgid ${clientMsgId}` },
      { claimedBy: { equals: owner } },
    )
    if (!marked) return { kind: 'not-claimed', reason: '发送权已被接管' }
    push = marked
    await step('sendall-requested')
    try {
      const audience = await resolveAudience(payload, push)
      const tagId = 'tagId' in audience ? audience.tagId : undefined
      const answer = await gateway.sendAll({ mediaId: String(push.wechat?.draftMediaId ?? draftMediaId ?? ''), clientMsgId, tagId })
      msgId = answer.msgId
      push.wechat = { ...(push.wechat ?? {}), msgId, msgDataId: answer.msgDataId }
    } catch (error) {
      const failure = asFailure(error)
      if (failure.existingMsgId) {
        msgId = failure.existingMsgId
        settledBy = '45065'
        push.wechat = { ...(push.wechat ?? {}), msgId }
      } else if (failure.outcomeUnknown) {
        const retryAfter = new Date(now().getTime() + RESEND_WAIT_MS)
        await release(
          { claimedUntil: retryAfter.toISOString() },
          { step: 'sendall-unknown', ok: false, detail: `${failure.meaning}：稍后用同一 clientmsgid 重发以确认结果` },
        )
        return { kind: 'unknown-outcome', retryAfter }
      } else if (failure.errcode === 45028) {
        const reason = `微信：${failure.meaning}（45028），本周不发送`
        await release({ status: 'skipped', statusReason: reason }, { step: 'sendall', ok: false, detail: reason })
        if (await pushMovesItems(payload, push)) await setItemStates(payload, refs, 'scheduled', { reviewStatus: 'approved' })
        await tellLeaders(payload, push, '【本周推送已跳过】群发次数已用完', reason)
        return { kind: 'skipped', reason }
      } else {
        // A definite refusal: nothing was sent, so the next slot may try again with a new draft.
        const wechatIds = { ...(push.wechat ?? {}), sendRequestedAt: null, draftMediaId: null }
        return failBeforeSend(options, release, `微信拒绝群发：${failure.meaning}（${failure.errcode ?? '无错误码'}）`, { wechat: wechatIds })
      }
    }
    // The msg_id is saved first (still `sending`): a crash before the items are marked resumes here.
    const saved = await savePush(
      payload,
      push,
      { wechat: { ...push.wechat, sentAt: now().toISOString() } },
      { step: 'sendall', ok: true, detail: `msg_id ${msgId}${settledBy === '45065' ? '（45065：确认此前已发送，未重复发送）' : ''}` },
      { claimedBy: { equals: owner } },
    )
    if (!saved) return { kind: 'not-claimed', reason: '发送权已被接管' }
    push = saved
    await step('sent')
  }

  if (await pushMovesItems(payload, push)) {
    await setItemStates(payload, refs, 'scheduled', { reviewStatus: 'sent', pushedIn: push.id })
    await setItemStates(payload, refs, 'approved', { reviewStatus: 'sent', pushedIn: push.id })
  }
  await release({ status: 'sent', statusReason: null }, { step: 'items-marked-sent', ok: true })
  await step('items-marked-sent')
  // A MASSSENDJOBFINISH that came before the msg_id was known (lost answer, quick WeChat) was kept.
  await applyPendingMassResult(payload, push).catch((error: unknown) =>
    payload.logger.warn({ msg: 'kept mass-send result not applied yet (the result poll will retry)', pushId: push.id, error: String(error) }),
  )
  return { kind: 'sent', msgId: String(msgId), settledBy }
}

type Release = (data: Record<string, unknown>, entry: { step: string; ok: boolean; detail?: string }) => Promise<PushDoc | null>

/** Not sendable now: Thursday waits for Friday; Friday closes the week. */
async function closeOrWait(options: SendOptions, release: Release, reason: string): Promise<SendOutcome> {
  if (options.finalAttempt) {
    const saved = await release({ status: 'skipped', statusReason: reason }, { step: 'skip', ok: false, detail: reason })
    if (saved) {
      if (await pushMovesItems(options.payload, saved)) await setItemStates(options.payload, itemRefs(saved.items), 'scheduled', { reviewStatus: 'approved' })
      await tellLeaders(options.payload, saved, '【本周推送已跳过】', reason)
    }
    return { kind: 'skipped', reason }
  }
  await release({ status: 'signed_off', statusReason: reason }, { step: 'not-ready', ok: false, detail: reason })
  return { kind: 'invalid', reason }
}

async function failBeforeSend(options: SendOptions, release: Release, reason: string, extra: Record<string, unknown> = {}): Promise<SendOutcome> {
  if (options.finalAttempt) return closeOrWait(options, release, reason)
  const saved = await release({ status: 'failed', statusReason: `${reason}；周五将再次尝试`, ...extra }, { step: 'failed', ok: false, detail: reason })
  if (saved) await tellLeaders(options.payload, saved, '【本周推送发送失败】将于周五重试', reason)
  return { kind: 'failed', reason }
}

async function tellLeaders(payload: Payload, push: PushDoc, subject: string, body: string) {
  await notify(payload, {
    recipients: await responsibleStaff(payload, idOf(push.account), ['leader']),
    subject: `${subject}（${push.week}）`,
    body,
    relatedCollection: 'weekly-pushes',
    relatedId: push.id,
  })
}
