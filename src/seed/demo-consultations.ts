/**
 * The demo's 微问政: an open topic 「小树林噪音治理微征集」 (keyword 噪音) of 城市管理科 and 西关社区 with
 * suggestions in every state (two waiting, one of them past its reply deadline when the calendar
 * allows), and a closed topic whose outcome is published with dated milestones and before/after
 * photos — so the residents' pages, the board and its badge show something on a fresh start. The
 * demo clerk joins 城市管理科 to moderate them. No notices are sent (the outcome is marked told).
 */
import { createLocalReq, type Payload } from 'payload'
import { generatedOpenid } from '../dev/emulator/state'
import { findDefaultAccount } from '../services/accounts/accounts'
import { moderateSubmission } from '../services/consultations/moderate'
import { settleConsultationAlerts, submitSuggestion } from '../services/consultations/submit'
import { REVIEW_TRANSITION_CONTEXT } from '../services/review/hooks'
import { addDays, shanghaiDate } from '../shared/time'
import { drawCover } from './covers'
import { DEMO_CLERK } from './demo-services'

const DAY_MS = 24 * 3600_000

interface Suggestion {
  text: string
  daysAgo: number
  name?: string
  phone?: string
  then?: { action: 'approve' | 'reject' | 'answer'; text?: string }[]
}

const NOISE: Suggestion[] = [
  { text: '晚上九点以后小树林里的广场舞音响太响，孩子写作业都受影响，建议限定时段和音量。', daysAgo: 9, name: '刘桂兰', phone: '13891234501' },
  { text: '建议在小树林入口安装噪音显示屏，超过 60 分贝就提醒。', daysAgo: 0 },
  {
    text: '可以把跳舞的队伍引导到北边空地，离住户远一些。',
    daysAgo: 6,
    then: [{ action: 'approve' }],
  },
  { text: '希望社区组织跳舞的队伍和住户一起商量个公约。', daysAgo: 5, name: '陈志强', then: [{ action: 'approve' }] },
  {
    text: '周末早上七点前也有人吊嗓子，建议一并管理。',
    daysAgo: 7,
    then: [{ action: 'approve' }, { action: 'answer', text: '已与晨练队伍沟通，周末 7:30 前不在小树林内练嗓，社区网格员每周巡查。' }],
  },
  { text: '把小树林的树全砍了改成停车场。', daysAgo: 4, then: [{ action: 'reject', text: '小树林是规划绿地，不能改作停车场；噪音问题将通过时段管理解决。' }] },
]

async function photo(payload: Payload, seed: number, alt: string): Promise<string> {
  const image = await drawCover(seed)
  const media = await payload.create({
    collection: 'media',
    overrideAccess: true,
    data: { alt },
    file: { data: image, mimetype: 'image/jpeg', name: `consultation-demo-${seed}.jpg`, size: image.length },
  })
  return String(media.id)
}

/**
 * Creates the demo topics and suggestions (see the module's notes). `leaderId` approved the topics;
 * `communityId` is 西关社区. Does nothing without a default account (the residents are its followers).
 */
export async function seedDemoConsultations(payload: Payload, leaderId: string, communityId: string): Promise<void> {
  const account = await findDefaultAccount(payload)
  if (!account) return
  const office = await payload.create({ collection: 'offices', overrideAccess: true, data: { name: '城市管理科', phone: '029-88861208' } })
  const clerk = (await payload.find({ collection: 'users', overrideAccess: true, depth: 0, limit: 1, where: { email: { equals: DEMO_CLERK.email } } })).docs[0]
  if (clerk) {
    const offices = (clerk.offices ?? []).map((entry) => (typeof entry === 'object' ? entry.id : entry))
    await payload.update({ collection: 'users', id: clerk.id, overrideAccess: true, data: { offices: [...offices, office.id] } })
  }
  const leader = await payload.findByID({ collection: 'users', id: leaderId, overrideAccess: true, depth: 0 })
  const moderator = await createLocalReq({ user: { ...leader, collection: 'users' } }, payload)
  const now = Date.now()
  const today = shanghaiDate(now)
  const approved = { reviewStatus: 'approved' as const, approvedAt: new Date(now - 10 * DAY_MS).toISOString(), approvedBy: leaderId, createdBy: leaderId }

  const noise = await payload.create({
    collection: 'consultation-topics',
    overrideAccess: true,
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: {
      title: '小树林噪音治理微征集',
      question: '小树林夜间和清晨的噪音怎么治理？欢迎提出您的建议。',
      background: '近期多位居民反映小树林广场舞、晨练噪音影响休息。街道城市管理科和西关社区联合征集治理建议，征集结束后公布采纳情况和办理结果。',
      category: 'governance',
      community: communityId,
      office: office.id,
      opensOn: addDays(today, -10),
      closesOn: addDays(today, 20),
      keyword: '噪音',
      ...approved,
    },
  })
  let resident = 0
  for (const suggestion of NOISE) {
    const result = await submitSuggestion(payload, {
      topicId: String(noise.id),
      openid: generatedOpenid(account.appId, resident++),
      accountId: String(account.id),
      text: suggestion.text,
      name: suggestion.name ?? null,
      phone: suggestion.phone ?? null,
      photos: [],
      source: resident % 3 === 0 ? 'chat' : 'page',
      now: now - suggestion.daysAgo * DAY_MS,
    })
    if (!result.ok) continue
    for (const step of suggestion.then ?? []) await moderateSubmission(moderator, { id: result.submissionId, action: step.action, text: step.text })
  }

  const [before, after, afterTwo] = [
    await photo(payload, 31, '整治前：路灯损坏'),
    await photo(payload, 32, '整治后：新路灯'),
    await photo(payload, 33, '整治后：夜间照明'),
  ]
  const lights = await payload.create({
    collection: 'consultation-topics',
    overrideAccess: true,
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: {
      title: '背街小巷路灯照明改造征集',
      question: '哪些背街小巷晚上太暗？您希望怎样改造？',
      category: 'municipal',
      community: communityId,
      office: office.id,
      opensOn: addDays(today, -90),
      closesOn: addDays(today, -60),
      cover: after,
      statement: '根据居民建议，街道对 6 条背街小巷的 42 盏路灯进行了更换和补装，夜间照明全部恢复。感谢参与征集的居民！',
      milestones: [
        { date: addDays(today, -50), text: '逐条巷道摸排，确认 42 盏需更换或补装的路灯', photosBefore: [before], photosAfter: [] },
        { date: addDays(today, -30), text: '完成更换和补装，夜间照明全部恢复', photosBefore: [], photosAfter: [after, afterTwo] },
      ],
      ...approved,
    },
  })
  for (const [index, text] of ['西巷 12 号门口的路灯坏了半年了。', '建议背街小巷的路灯改成感应式，省电。'].entries()) {
    const result = await submitSuggestion(payload, {
      topicId: String(lights.id),
      openid: generatedOpenid(account.appId, resident++),
      accountId: String(account.id),
      text,
      photos: [],
      source: 'page',
      now: now - (80 - index) * DAY_MS,
    })
    // Sent while the topic was open (its dates), before the outcome; the resident is marked told
    // (the demo sends no notices).
    if (!result.ok) continue
    await moderateSubmission(moderator, { id: result.submissionId, action: 'approve' })
    if (index === 0) await moderateSubmission(moderator, { id: result.submissionId, action: 'answer', text: '已于上月更换。' })
    await payload.update({
      collection: 'consultation-submissions',
      id: result.submissionId,
      overrideAccess: true,
      data: { outcomeToldAt: new Date(now - 20 * DAY_MS).toISOString() },
    })
  }
  await payload.update({
    collection: 'consultation-topics',
    id: lights.id,
    overrideAccess: true,
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: { outcomePublishedAt: new Date(now - 20 * DAY_MS).toISOString() },
  })
  // The staff alerts of the suggestions above run in the background: done before the seed's Payload goes.
  await settleConsultationAlerts(payload)
}
