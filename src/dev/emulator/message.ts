/**
 * Customer-service messages (客服消息) and simulated residents. The 48-hour window only opens
 * when a resident interacts, so tests drive it with `simulateUserMessage`.
 */
import { buildXml, type XmlBuildRecord } from '../../wechat/xml'
import type { CallbackDelivery } from './callback'
import { wxError, wxOk } from './errors'
import { asString, type EmulatorContext, type Route } from './context'
import { newFollower, type AccountState } from './state'

const MESSAGE_WINDOW_MS = 48 * 3600_000
const MESSAGE_WINDOW_REPLIES = 5
const EVENT_WINDOW_MS = 60_000
const EVENT_WINDOW_REPLIES = 3
/** Events that open the short reply window (menu click, follow, scan). */
const WINDOW_EVENTS = new Set(['subscribe', 'CLICK', 'SCAN', 'scancode_push', 'scancode_waitmsg'])
const CUSTOM_MSG_TYPES = new Set(['text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'mpnewsarticle', 'msgmenu', 'wxcard', 'miniprogrampage'])

export interface SimulatedUserMessage {
  /** Default `text`. */
  msgType?: 'text' | 'image' | 'voice' | 'video' | 'location' | 'link' | 'event'
  content?: string
  /** For `msgType: 'event'`: subscribe, unsubscribe, CLICK, VIEW, SCAN, … */
  event?: string
  eventKey?: string
  /** Extra XML fields (PicUrl, Location_X, …). */
  fields?: Record<string, string | number>
  /** Post it to the callback URL (default true; skipped when no URL is configured). */
  deliver?: boolean
}

export interface SimulatedUserMessageResult {
  xml: string
  /** 64-bit in WeChat, so kept as a string. */
  msgId: string | null
  /** The callback delivery, with the decrypted passive reply; null when not delivered. */
  delivery: CallbackDelivery | null
}

/** Records a resident's interaction (opening a reply window) and optionally delivers it to the callback. */
export async function simulateUserMessage(
  context: EmulatorContext,
  account: AccountState,
  openid: string,
  message: SimulatedUserMessage = {},
): Promise<SimulatedUserMessageResult> {
  const now = context.now()
  const msgType = message.msgType ?? 'text'
  recordInteraction(account, openid, msgType, message.event ?? '', now)

  const record: XmlBuildRecord = {
    ToUserName: account.config.originalId,
    FromUserName: openid,
    CreateTime: Math.floor(now / 1000),
    MsgType: msgType,
  }
  let msgId: string | null = null
  if (msgType === 'event') {
    record.Event = message.event ?? 'CLICK'
    if (message.eventKey !== undefined) record.EventKey = message.eventKey
  } else {
    if (msgType === 'text') record.Content = message.content ?? ''
    msgId = String(24_000_000_000_000_000n + BigInt(context.state.sequence.customMsgId++))
  }
  Object.assign(record, message.fields ?? {})
  if (msgId !== null) record.MsgId = msgId
  const xml = buildXml(record)

  const pending = message.deliver === false ? null : context.callbacks.deliver(account, xml, { openid })
  return { xml, msgId, delivery: pending ? await pending : null }
}

function recordInteraction(account: AccountState, openid: string, msgType: string, event: string, now: number): void {
  let user = account.users.get(openid)
  if (!user) {
    user = newFollower(openid, now)
    account.users.set(openid, user)
  }
  if (msgType === 'event' && event === 'unsubscribe') {
    user.subscribed = false
    user.unsubscribeTime = now
    account.windows.delete(openid)
    return
  }
  if (msgType === 'event' && event === 'subscribe' && !user.subscribed) {
    user.subscribed = true
    user.subscribeTime = now
    user.unsubscribeTime = null
  }
  const windows = account.windows.get(openid) ?? []
  if (msgType !== 'event') {
    windows.push({ openedAt: now, expiresAt: now + MESSAGE_WINDOW_MS, remaining: MESSAGE_WINDOW_REPLIES })
  } else if (WINDOW_EVENTS.has(event)) {
    windows.push({ openedAt: now, expiresAt: now + EVENT_WINDOW_MS, remaining: EVENT_WINDOW_REPLIES })
  }
  account.windows.set(openid, windows)
}

/** 0 when a reply may go out now (and consumes it), else the errcode. */
function consumeReply(account: AccountState, openid: string, now: number): number {
  const active = (account.windows.get(openid) ?? []).filter((window) => window.expiresAt > now)
  account.windows.set(openid, active)
  if (active.length === 0) return 45015
  const usable = active.filter((window) => window.remaining > 0).sort((a, b) => b.expiresAt - a.expiresAt)[0]
  if (!usable) return 45047
  usable.remaining--
  return 0
}

const customSend: Route = {
  method: 'POST',
  path: '/cgi-bin/message/custom/send',
  auth: 'access_token',
  body: 'json',
  handle(request, context) {
    const account = request.account!
    const touser = asString(request.json.touser)
    const user = touser ? account.users.get(touser) : undefined
    if (!touser || !user) return { body: wxError(40003) }
    const msgType = asString(request.json.msgtype)
    if (!msgType || !CUSTOM_MSG_TYPES.has(msgType)) return { body: wxError(40008) }
    const now = context.now()
    if (!user.subscribed) return { body: wxError(45015) }
    const errcode = consumeReply(account, touser, now)
    if (errcode) return { body: wxError(errcode) }
    account.customMessages.push({ at: now, touser, body: structuredClone(request.json) })
    return { body: wxOk() }
  },
}

export const messageRoutes: Route[] = [customSend]
