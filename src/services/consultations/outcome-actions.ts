/**
 * What staff do with a topic beyond its review (issue 14, deliverables 1 and 4): publish its outcome
 * (结果公开) and tell the residents who took part, once; turn the outcome — or the call for suggestions
 * — into a draft article for the weekly push (reviewed by a leader as usual); pin the topic in the
 * 微·服务 section of the menu draft. Each throws ApiError with a Chinese message; the endpoints are in
 * collections/consultations/endpoints.ts.
 */
import { createHash } from 'node:crypto'
import type { Payload, PayloadRequest, RequiredDataFromCollectionSlug } from 'payload'
import { idOf, requireStaff } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { compareAndSet } from '../../shared/cas'
import { formatShanghai, shanghaiDate } from '../../shared/time'
import { charCount, WECHAT_LIMITS } from '../../wechat/limits'
import type { ConsultationTopic } from '../../payload-types'
import type { LexicalDocument } from '../content/rich-text'
import { loadSavedMenu, menuAccountFor, saveMenuButtons } from '../menu/load'
import { SUB_MENU, type SavedMenuButton } from '../menu/types'
import { bytes, MENU_LIMITS } from '../menu/validate'
import { CLEARED_MARK } from '../appointments/housekeeping'
import { notifyResident } from '../notifications/resident-notices'
import { REVIEW_TRANSITION_CONTEXT } from '../review/hooks'
import { isOfTopic, mayManageOutcome } from './access'
import { topicPageUrl } from './chat'
import { isSubmissionState } from './moderation'
import { orderMilestones, participantsToTell, validateOutcome } from './outcome'

const notFound = () => new ApiError(404, 'not-found', { zh: '征集话题不存在', en: 'No such topic' })

/** The topic, or 404; staff only (401 first). */
async function loadTopic(req: PayloadRequest, id: string): Promise<ConsultationTopic> {
  requireStaff(req)
  const topic = await req.payload.findByID({ collection: 'consultation-topics', id, depth: 0, overrideAccess: true, disableErrors: true }).catch(() => null)
  if (!topic) throw notFound()
  return topic
}

function requireOutcomeManager(req: PayloadRequest, topic: ConsultationTopic): void {
  if (!mayManageOutcome(req.user, topic))
    throw new ApiError(403, 'forbidden', {
      zh: '只有承办科室的工作人员、审核领导或管理员可以处理结果公开',
      en: "Only the handling office's staff, leaders and admins",
    })
}

function requireTopicStaff(req: PayloadRequest, topic: ConsultationTopic): void {
  if (!mayManageOutcome(req.user, topic) && !isOfTopic(req.user, topic))
    throw new ApiError(403, 'forbidden', {
      zh: '只有话题所属社区或承办科室的工作人员、审核领导或管理员可以操作',
      en: "Only the topic's community or office staff, leaders and admins",
    })
}

function requireApproved(topic: ConsultationTopic): void {
  if (topic.reviewStatus !== 'approved') throw new ApiError(409, 'not-approved', { zh: '话题尚未审核通过', en: 'The topic is not approved yet' })
}

const ids = (values: unknown[] | null | undefined): string[] => (values ?? []).map(idOf).filter((id): id is string => id !== null)

/** The outcome as validateOutcome reads it, or 400 with every problem in one message. */
function checkedOutcome(topic: ConsultationTopic, now: number) {
  const result = validateOutcome(
    {
      statement: topic.statement,
      milestones: (topic.milestones ?? []).map((m) => ({ date: m.date, text: m.text, before: ids(m.photosBefore), after: ids(m.photosAfter) })),
    },
    shanghaiDate(now),
  )
  if (!result.ok) {
    const { statement, milestones, milestone } = result.problems
    const each = Object.entries(milestone ?? {}).map(([index, problems]) => `第 ${Number(index) + 1} 项进展：${problems.join('，')}`)
    const message = [statement, milestones, ...each].filter(Boolean).join('；')
    throw new ApiError(400, 'outcome-invalid', { zh: `结果不完整：${message}`, en: `The outcome is incomplete: ${message}` }, { problems: result.problems })
  }
  return result.value
}

/**
 * 「<openid-hash>」: 12 hex characters of sha256 (48 bits: no clash among one topic's residents), so the
 * clientMsgId names no openid and stays ≤ 64 characters with a 36-character topic id (6 + 36 + 9 + 12 = 63).
 */
const openidHash = (openid: string): string => createHash('sha256').update(openid).digest('hex').slice(0, 12)

/**
 * Tells every resident who took part (participantsToTell: a suggestion in any state but withdrawn),
 * whose openid was not cleared by the retention (「（已清除）」, housekeeping.ts), once, that the outcome is published: a template message `outcomePublished` through the account of
 * their suggestion (clientMsgId `topic:<id>:outcome:<openid-hash>`, so a retry sends nothing twice),
 * then `outcomeToldAt` on their suggestions. Answers how many were told now.
 */
export async function tellParticipants(payload: Payload, topic: ConsultationTopic, now: number = Date.now()): Promise<number> {
  const found = await payload.find({
    collection: 'consultation-submissions',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    sort: 'receivedAt',
    where: { topic: { equals: topic.id } },
  })
  // Cleared by the retention (openid 「（已清除）」): nobody left to tell, and never a send to the mark.
  const rows = found.docs.filter((row) => row.openid !== CLEARED_MARK && !row.personalDataClearedAt)
  const told = rows.filter((row) => row.outcomeToldAt).map((row) => row.openid)
  const toTell = participantsToTell(
    rows.map((row) => ({ openid: row.openid, state: isSubmissionState(row.status) ? row.status : 'pending' })),
    told,
  )
  const at = new Date(now).toISOString()
  for (const openid of toTell) {
    const first = rows.find((row) => row.openid === openid)
    const outcome = await notifyResident(payload, {
      kind: 'outcomePublished',
      openid,
      accountId: idOf(first?.account) ?? undefined,
      clientMsgId: `topic:${topic.id}:outcome:${openidHash(openid)}`,
      url: topicPageUrl(topic.id),
      fields: { matter: topic.title, time: formatShanghai(new Date(now)), note: topic.statement ?? undefined },
      related: { collection: 'consultation-topics', id: String(topic.id) },
    })
    // A record that could not even be written is tried again by the next call; anything recorded
    // (sent, skipped, refused by WeChat) counts as told: the clientMsgId makes a repeat a no-op anyway.
    if (outcome.noticeId === null) continue
    await payload.update({
      collection: 'consultation-submissions',
      overrideAccess: true,
      depth: 0,
      where: { and: [{ topic: { equals: topic.id } }, { openid: { equals: openid } }] },
      data: { outcomeToldAt: at },
    })
  }
  return toTell.length
}

/**
 * Publishes the topic's outcome (结果公开): approved topic, validateOutcome (a statement and dated
 * milestones, none in the future) else 400 `outcome-invalid`; sets `outcomePublishedAt` once
 * (compare-and-set: a second call keeps the first time) — the topic stops taking suggestions — and
 * tells the participants who were not told yet. Staff of the handling office, leaders, admins (403).
 */
export async function publishOutcome(req: PayloadRequest, topicId: string, now: number = Date.now()) {
  const topic = await loadTopic(req, topicId)
  requireOutcomeManager(req, topic)
  requireApproved(topic)
  checkedOutcome(topic, now)
  const at = new Date(now).toISOString()
  const published =
    topic.outcomePublishedAt ??
    (
      await compareAndSet(
        req.payload,
        'consultation-topics',
        { and: [{ id: { equals: topic.id } }, { outcomePublishedAt: { exists: false } }] },
        {
          outcomePublishedAt: at,
        },
      )
    )?.outcomePublishedAt ??
    (await req.payload.findByID({ collection: 'consultation-topics', id: topic.id, depth: 0, overrideAccess: true })).outcomePublishedAt ??
    at
  const told = await tellParticipants(req.payload, { ...topic, outcomePublishedAt: published }, now)
  return { outcomePublishedAt: published, told }
}

/** `text` cut to `max` characters, the last one 「…」 when cut. */
const cut = (text: string, max: number): string => {
  const chars = Array.from(text.replace(/\s+/gu, ' ').trim())
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

type LexicalNode = { type: string; version: number; [key: string]: unknown }
const textNode = (text: string, format = 0): LexicalNode => ({ type: 'text', detail: 0, format, mode: 'normal', style: '', text, version: 1 })
const block = (type: string, children: LexicalNode[], extra: Record<string, unknown> = {}): LexicalNode => ({
  type,
  format: '',
  indent: 0,
  version: 1,
  direction: 'ltr',
  children,
  ...(type === 'paragraph' ? { textFormat: 0, textStyle: '' } : {}),
  ...extra,
})
const paragraph = (text: string, bold = false): LexicalNode => block('paragraph', text === '' ? [] : [textNode(text, bold ? 1 : 0)])
const heading = (text: string): LexicalNode => block('heading', [textNode(text)], { tag: 'h2' })
/** An image as the editor stores it and the article converter reads it (src/wechat/convert/render.ts). */
const upload = (mediaId: string, nodeId: string): LexicalNode => ({
  type: 'upload',
  relationTo: 'media',
  value: mediaId,
  fields: null,
  format: '',
  version: 3,
  id: nodeId,
})
const documentOf = (children: LexicalNode[]): LexicalDocument => ({ root: { type: 'root', format: '', indent: 0, version: 1, direction: 'ltr', children } })

/** The outcome article's fields (pure): title, digest, cover, Lexical body with the photos, original link. */
export function outcomeArticleData(topic: ConsultationTopic) {
  const milestones = orderMilestones((topic.milestones ?? []).map((m, index) => ({ ...m, index })))
  const body: LexicalNode[] = [paragraph(topic.statement ?? ''), heading('办理进展')]
  for (const milestone of milestones) {
    body.push(paragraph(`${milestone.date}　${milestone.text}`, true))
    const before = ids(milestone.photosBefore)
    const after = ids(milestone.photosAfter)
    if (before.length > 0) body.push(paragraph('整治前：'), ...before.map((id, i) => upload(id, `m${milestone.index}-before-${i}`)))
    if (after.length > 0) body.push(paragraph('整治后：'), ...after.map((id, i) => upload(id, `m${milestone.index}-after-${i}`)))
  }
  body.push(paragraph('感谢每一位提出建议的居民。点击「阅读原文」查看话题和居民建议。'))
  const firstAfter = milestones.flatMap((m) => ids(m.photosAfter))[0] ?? milestones.flatMap((m) => ids(m.photosBefore))[0] ?? null
  const prefix = '微问政｜'
  const suffix = '：结果公开'
  return {
    title: `${prefix}${cut(topic.title, WECHAT_LIMITS.titleChars - charCount(prefix) - charCount(suffix))}${suffix}`,
    digest: cut(topic.statement ?? '', 120),
    cover: idOf(topic.cover) ?? firstAfter,
    body: documentOf(body),
    originalLink: topicPageUrl(topic.id),
    category: 'consultation' as const,
  }
}

/** The call for suggestions' article fields (pure): the question, the background, how to take part. */
export function callArticleData(topic: ConsultationTopic) {
  const body: LexicalNode[] = [heading('征集的问题'), paragraph(topic.question)]
  if (topic.background?.trim()) body.push(heading('背景'), ...topic.background.split(/\n+/u).map((line) => paragraph(line.trim())))
  body.push(heading('如何参与'), paragraph(`征集时间：${topic.opensOn} 至 ${topic.closesOn}`), paragraph('点击「阅读原文」，在话题页面填写建议（可附照片）。'))
  if (topic.keyword) body.push(paragraph(`也可以在公众号对话框直接发送「${topic.keyword}＋您的建议」，例如「${topic.keyword} 建议……」。`))
  body.push(paragraph('所有建议经工作人员审核后公开（姓名和电话不公开），办理结果将在本公众号公布。'))
  const prefix = '微问政｜'
  return {
    title: `${prefix}${cut(topic.title, WECHAT_LIMITS.titleChars - charCount(prefix))}`,
    digest: cut(topic.question, 120),
    cover: idOf(topic.cover),
    body: documentOf(body),
    originalLink: topicPageUrl(topic.id),
    category: 'consultation' as const,
  }
}

/**
 * Creates the topic's article once and links it in `field` (outcomeArticle / callArticle): a draft by
 * the caller (review rules as any article: the caller submits, a leader approves, the push picks it
 * up). A second call answers the linked one (`created: false`); two calls at once keep one (the loser's
 * draft is deleted).
 */
async function articleOnce(
  req: PayloadRequest,
  topic: ConsultationTopic,
  field: 'outcomeArticle' | 'callArticle',
  data: RequiredDataFromCollectionSlug<'articles'>,
) {
  const { payload } = req
  const linked = idOf(topic[field])
  if (linked) {
    const existing = await payload.findByID({ collection: 'articles', id: linked, depth: 0, overrideAccess: true, disableErrors: true })
    if (existing) return { article: existing, created: false }
  }
  // overrideAccess: a leader or office clerk may make this draft though the content's create rule is
  // editors' and admins'; the review hook still stamps the caller as its author (draft, their community).
  const article = await payload.create({ collection: 'articles', req, overrideAccess: true, depth: 0, data: { ...data, reviewStatus: 'draft' } })
  const claimed = await compareAndSet(
    payload,
    'consultation-topics',
    linked ? { and: [{ id: { equals: topic.id } }, { [field]: { equals: linked } }] } : { and: [{ id: { equals: topic.id } }, { [field]: { exists: false } }] },
    field === 'outcomeArticle' ? { outcomeArticle: article.id } : { callArticle: article.id },
  )
  if (claimed) return { article, created: true }
  await payload.delete({ collection: 'articles', id: article.id, overrideAccess: true })
  const winner = await payload.findByID({ collection: 'consultation-topics', id: topic.id, depth: 0, overrideAccess: true })
  const existing = await payload.findByID({ collection: 'articles', id: idOf(winner[field])!, depth: 0, overrideAccess: true })
  return { article: existing, created: false }
}

/**
 * 「把结果生成推送文章」: one draft article (title 「微问政｜<title>：结果公开」, the statement, each
 * milestone with its before/after photos, cover = the topic's or the first after-photo, original link
 * to the topic page) linked as `outcomeArticle`. The outcome must be published (409 `not-published`).
 */
export async function createOutcomeArticle(req: PayloadRequest, topicId: string) {
  const topic = await loadTopic(req, topicId)
  requireOutcomeManager(req, topic)
  if (!topic.outcomePublishedAt) throw new ApiError(409, 'not-published', { zh: '请先公开结果，再生成推送文章', en: 'Publish the outcome first' })
  return articleOnce(req, topic, 'outcomeArticle', outcomeArticleData(topic))
}

/** The call for suggestions as a draft article (linked as `callArticle`), for an approved topic not yet closed. */
export async function createCallArticle(req: PayloadRequest, topicId: string, now: number = Date.now()) {
  const topic = await loadTopic(req, topicId)
  requireTopicStaff(req, topic)
  requireApproved(topic)
  if (topic.outcomePublishedAt || topic.closesOn < shanghaiDate(now))
    throw new ApiError(409, 'closed', { zh: '征集已截止，不能再发征集文章', en: 'The topic is closed' })
  return articleOnce(req, topic, 'callArticle', callArticleData(topic))
}

/** The menu's section the topics are pinned in. */
export const PIN_SECTION = '微·服务'
/** At most this many characters of the title in the menu (WeChat shows about this many on one line). */
const PIN_NAME_CHARS = 12

/** The sub-button's name: the title, cut to fit one line and WeChat's 60 bytes. */
export function pinName(title: string): string {
  let name = cut(title, PIN_NAME_CHARS)
  while (bytes(name) > MENU_LIMITS.subNameBytes) name = cut(name, Array.from(name).length - 1)
  return name
}

/**
 * Pins an open, approved topic in the 微·服务 section of a saved menu (the draft staff publish as
 * usual): the menu of the topic's community's account when that community has an account with a menu,
 * else the street office's default account's (`menuAccountFor`); a `view` item 「<short title>」 → the
 * topic page; an item already opening the page is renamed instead. Answers `{ name, url, published:
 * false, account: { id, name } }`, the account whose menu was changed. Refused with the reason (409)
 * when there is no account, the section is missing or full (WeChat: at most 5 sub-buttons), 409 when
 * the topic is closed.
 */
export async function pinTopic(req: PayloadRequest, topicId: string, now: number = Date.now()) {
  const topic = await loadTopic(req, topicId)
  requireTopicStaff(req, topic)
  requireApproved(topic)
  if (topic.outcomePublishedAt || topic.closesOn < shanghaiDate(now))
    throw new ApiError(409, 'closed', { zh: '征集已截止，不能置顶', en: 'The topic is closed' })
  const { payload } = req
  const account = await menuAccountFor(payload, idOf(topic.community))
  if (!account) throw new ApiError(409, 'no-account', { zh: '还没有公众号，无法置顶到菜单', en: 'There is no WeChat account whose menu could hold the topic' })
  const menu = await loadSavedMenu(payload, account.id)
  const buttons = structuredClone(menu.buttons ?? []) as SavedMenuButton[]
  const section = buttons.find((button) => button.name === PIN_SECTION)
  if (!section || section.type !== SUB_MENU)
    throw new ApiError(409, 'no-section', {
      zh: `「${account.name}」的菜单中没有「${PIN_SECTION}」子菜单，请先在自定义菜单中添加`,
      en: `The menu of ${account.name} has no ${PIN_SECTION} section`,
    })
  const url = topicPageUrl(topic.id)
  const name = pinName(topic.title)
  const subs = section.subButtons ?? []
  const existing = subs.find((item) => item.url === url)
  if (existing) existing.name = name
  else if (subs.length >= MENU_LIMITS.subButtons)
    throw new ApiError(409, 'menu-full', {
      zh: `「${account.name}」菜单的「${PIN_SECTION}」已有 ${MENU_LIMITS.subButtons} 个子按钮（微信上限），请先在自定义菜单中删去一个再置顶`,
      en: `${PIN_SECTION} of the menu of ${account.name} already has ${MENU_LIMITS.subButtons} sub-buttons (WeChat's limit)`,
    })
  else section.subButtons = [...subs, { name, type: 'view', url }]
  // Item ids of the array rows are dropped: Payload gives new rows their own.
  await saveMenuButtons(payload, account.id, buttons)
  await payload.update({
    collection: 'consultation-topics',
    id: topic.id,
    overrideAccess: true,
    depth: 0,
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: { pinned: true },
  })
  return { name, url, published: false, account }
}
