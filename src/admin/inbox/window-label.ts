/** The 48-hour customer-service window as staff read it, in the admin's language. */
import { pick, type Bilingual } from '../../shared/bilingual'

/** What /api/resident-messages/:id/reply-window answers. */
export interface WindowInfo {
  open: boolean
  expiresAt: string | null
  /** Set when WeChat refused the latest reply since the resident's last message: the countdown stops. */
  refusal?: { errcode: number; at: string } | null
}

/** Why WeChat refused, and what staff can do; source: the customer-service message rules (客服消息). */
const REFUSALS: Record<number, Bilingual> = {
  45015: {
    zh: '已超过 48 小时回复时限，或居民已取消关注',
    en: 'the 48-hour reply window has passed, or the resident unfollowed the account',
  },
  45047: {
    zh: '客服消息条数已达上限：居民每发来一条消息，48 小时内最多可回复 5 条',
    en: 'the reply limit is used up: at most 5 replies within 48 hours of each message from the resident',
  },
  48001: {
    zh: '公众号没有客服消息接口的权限，请管理员在微信公众平台检查接口权限',
    en: 'the account has no permission for customer-service messages; an administrator must check the API permissions in the WeChat console',
  },
  43004: { zh: '居民未关注公众号', en: 'the resident does not follow the account' },
  43019: { zh: '居民已被公众号拉黑', en: 'the resident is on the account’s blacklist' },
  40003: { zh: '居民的 OpenID 无效', en: 'the resident’s OpenID is invalid' },
}

/**
 * e.g. "还可回复 12 小时 5 分钟" / "12 h 5 min left to reply"; when WeChat refused the latest reply
 * the countdown is replaced by the reason ("微信拒绝了回复（45047）：…") and does not run on.
 */
export function windowLabel(info: WindowInfo, remainingMs: number, language?: string): string {
  if (info.refusal) {
    const code = info.refusal.errcode
    const reason = pick(REFUSALS[code] ?? { zh: `微信返回错误码 ${code}`, en: `WeChat answered error ${code}` }, language)
    const next = code === 48001 ? '' : pick({ zh: '居民再次发来消息后才能回复。', en: 'You can reply again after the resident writes again.' }, language)
    return pick(
      {
        zh: `微信拒绝了回复（${code}）：${reason}。倒计时已停止，${next}`,
        en: `WeChat refused the reply (${code}): ${reason}. The countdown has stopped. ${next}`,
      },
      language,
    ).trim()
  }
  if (remainingMs <= 0) {
    return pick(
      {
        zh: '已超过 48 小时回复时限，无法回复；居民再次发来消息后可回复。',
        en: 'The 48-hour reply window has passed; you can reply after the resident writes again.',
      },
      language,
    )
  }
  const minutes = Math.ceil(remainingMs / 60_000)
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (language === 'en') return `${hours > 0 ? `${hours} h${rest > 0 ? ` ${rest} min` : ''}` : `${rest} min`} left to reply`
  const text = hours > 0 ? `${hours} 小时${rest > 0 ? ` ${rest} 分钟` : ''}` : `${rest} 分钟`
  return `还可回复 ${text}`
}
