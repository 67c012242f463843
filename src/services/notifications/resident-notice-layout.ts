/**
 * What each notice to a resident (居民通知, a WeChat template message) says, and in which template
 * keys. Pure: the `wechat-accounts` collection reads the kinds and the layout for its admin fields,
 * the service (`resident-notices.ts`) builds the message from them.
 *
 * Our convention, not WeChat's: every account picks its own template for each kind from WeChat's
 * library (公众平台 → 广告与服务 → 模板消息), so the project cannot know the template's keys. It sends
 * the common 服务类模板 layout `first`, `keyword1`…`keyword4`, `remark`, and the admin picks, per
 * kind, a template whose keywords read as listed in RESIDENT_NOTICE_LAYOUT (the field's description
 * in the admin shows it).
 *
 * Since 2023-05-04 WeChat no longer shows `first` and `remark` (公告《关于规范公众号模板消息的再次公告》,
 * https://mp.weixin.qq.com/s/hvLO4Vs75NXDA__SxuyKXw; WeChat's staff on developers.weixin.qq.com: "传入该值也会被平台自动过滤"):
 * they are still sent, for accounts whose old template shows them, but everything a resident needs
 * is in keyword1…keyword4.
 */

/** The kinds of notice a resident gets about an appointment or a matter, and the outcome of a 微问政 topic they took part in. */
export const RESIDENT_NOTICE_KINDS = ['booked', 'reminder', 'accepted', 'needsMore', 'done', 'cancelledByStaff', 'outcomePublished'] as const
export type ResidentNoticeKind = (typeof RESIDENT_NOTICE_KINDS)[number]

/** The kinds' names in the admin (the template-id fields, the notices' list). */
export const RESIDENT_NOTICE_KIND_LABELS: Record<ResidentNoticeKind, { zh: string; en: string }> = {
  booked: { zh: '预约成功', en: 'Appointment booked' },
  reminder: { zh: '预约提醒（前一天）', en: 'Reminder (the day before)' },
  accepted: { zh: '已受理', en: 'Accepted' },
  needsMore: { zh: '需补正', en: 'More documents needed' },
  done: { zh: '已办结', en: 'Done' },
  cancelledByStaff: { zh: '预约已取消', en: 'Cancelled by staff' },
  outcomePublished: { zh: '微问政结果公开', en: 'Consultation outcome published' },
}

/**
 * What a notice tells the resident; every value optional, plain text. `time` is text as the resident
 * should read it (Beijing time, e.g. `12月1日 09:00-09:30`); `state` a label such as 「已受理」 (the
 * kind's own label when absent).
 */
export interface ResidentNoticeFields {
  /** 事项名称, e.g. 「居住证办理」. */
  matter?: string
  /** 预约时间, as text. */
  time?: string
  /** 预约码. */
  code?: string
  /** 办理状态 label. */
  state?: string
  /** 说明: what to bring, why it was cancelled, what is missing. */
  note?: string
  /** 预计办结日期, as text. */
  expected?: string
}

type FieldName = keyof ResidentNoticeFields
export type KeywordKey = 'keyword1' | 'keyword2' | 'keyword3' | 'keyword4'

interface KindLayout {
  /** The opening line (not shown by WeChat since 2023-05; kept for old templates). */
  first: string
  /** Which field goes in keywordN, and what the template's keyword should be called. */
  keywords: Record<KeywordKey, { field: FieldName; name: string }>
  /** `state` when the caller gives none. */
  defaultState: string
  /** `remark` when the caller gives no note (not shown by WeChat since 2023-05). */
  remark: string
}

const keywords = (...entries: Array<[FieldName, string]>): KindLayout['keywords'] => ({
  keyword1: { field: entries[0]![0], name: entries[0]![1] },
  keyword2: { field: entries[1]![0], name: entries[1]![1] },
  keyword3: { field: entries[2]![0], name: entries[2]![1] },
  keyword4: { field: entries[3]![0], name: entries[3]![1] },
})

/** The layout per kind: the table in src/services/notifications/README.md says the same. */
export const RESIDENT_NOTICE_LAYOUT: Record<ResidentNoticeKind, KindLayout> = {
  booked: {
    first: '您已预约成功',
    keywords: keywords(['matter', '预约事项'], ['time', '预约时间'], ['code', '预约码'], ['state', '预约状态']),
    defaultState: '预约成功',
    remark: '请按预约时间到窗口办理',
  },
  reminder: {
    first: '您明天有一个预约',
    keywords: keywords(['matter', '预约事项'], ['time', '预约时间'], ['code', '预约码'], ['state', '预约状态']),
    defaultState: '明天办理',
    remark: '请按时到窗口办理，如不能前来请提前取消',
  },
  accepted: {
    first: '您的事项已受理',
    keywords: keywords(['matter', '办理事项'], ['state', '办理状态'], ['expected', '预计办结日期'], ['note', '说明']),
    defaultState: '已受理',
    remark: '办结后将再通知您',
  },
  needsMore: {
    first: '您的事项需要补正材料',
    keywords: keywords(['matter', '办理事项'], ['state', '办理状态'], ['note', '需补正内容'], ['code', '预约码']),
    defaultState: '需补正材料',
    remark: '请补齐材料后到窗口办理',
  },
  done: {
    first: '您的事项已办结',
    keywords: keywords(['matter', '办理事项'], ['state', '办理状态'], ['note', '说明'], ['code', '预约码']),
    defaultState: '已办结',
    remark: '感谢您的耐心等待',
  },
  cancelledByStaff: {
    first: '您的预约已被取消',
    keywords: keywords(['matter', '预约事项'], ['time', '预约时间'], ['state', '预约状态'], ['note', '取消原因']),
    defaultState: '预约已取消',
    remark: '如有疑问请联系街道办',
  },
  // 微问政: a resident who made a suggestion is told once that the topic's outcome is published.
  outcomePublished: {
    first: '您参与的征集有了结果',
    keywords: keywords(['matter', '征集话题'], ['state', '办理状态'], ['time', '公开时间'], ['note', '说明']),
    defaultState: '结果已公开',
    remark: '感谢您的参与，点击查看办理结果',
  },
}

/**
 * At most this many characters in a keyword value. WeChat shows each keyword on one line and, since
 * 2023-05-04, cuts a value longer than 20 characters with its own 「…」 (reported by developers on
 * developers.weixin.qq.com and kejiweixun.com/note/202303241915, not in the API reference; the same
 * reports say a run of digits or Latin letters counts as one character there). Cutting ourselves,
 * counting every character, is our choice: the resident sees where the text was cut, the record
 * keeps what was sent, and a value that fits here fits in WeChat.
 */
export const KEYWORD_MAX_CHARS = 20

/** `value` on one line (whitespace runs → one space), cut to KEYWORD_MAX_CHARS characters with 「…」 as the last. */
export function cutKeyword(value: string): string {
  const characters = Array.from(value.replace(/\s+/g, ' ').trim())
  return characters.length <= KEYWORD_MAX_CHARS ? characters.join('') : `${characters.slice(0, KEYWORD_MAX_CHARS - 1).join('')}…`
}

export type TemplateData = Record<string, { value: string }>

/**
 * The template message's `data` for a notice: `first`, the four keywords as RESIDENT_NOTICE_LAYOUT
 * places the fields (each cut by cutKeyword; a field without a value is left out, so the template
 * shows that line empty), and `remark` (the note, else the kind's default). `state` defaults to the
 * kind's label.
 */
export function templateDataFor(kind: ResidentNoticeKind, fields: ResidentNoticeFields): TemplateData {
  const layout = RESIDENT_NOTICE_LAYOUT[kind]
  const values: ResidentNoticeFields = { ...fields, state: fields.state?.trim() || layout.defaultState }
  const data: TemplateData = { first: { value: layout.first } }
  for (const [key, { field }] of Object.entries(layout.keywords)) {
    const value = values[field]?.trim()
    if (value) data[key] = { value: cutKeyword(value) }
  }
  data.remark = { value: fields.note?.trim() || layout.remark }
  return data
}

/** 「keyword1 预约事项 · keyword2 预约时间 · …」: what the admin's template must show, per kind. */
export function layoutDescription(kind: ResidentNoticeKind): string {
  return Object.entries(RESIDENT_NOTICE_LAYOUT[kind].keywords)
    .map(([key, { name }]) => `${key} ${name}`)
    .join(' · ')
}
