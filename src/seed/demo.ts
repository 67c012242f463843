import type { Payload } from 'payload'
import { lexicalFromParagraphs } from '../services/content/rich-text'
import { REVIEW_TRANSITION_CONTEXT } from '../services/review/hooks'
import type { HistoryEntry } from '../services/review/history'
import type { ReviewAction, ReviewState } from '../services/review/state-machine'
import { drawCover } from './covers'
import { DEMO_ITEMS } from './demo-content'
import { seedDemoServices } from './demo-services'
import { seedDemoConsultations } from './demo-consultations'

const DEMO_PASSWORD = 'demo-password'

export const DEMO_ACCOUNTS = [
  { key: 'admin', email: 'admin@demo.local', name: '演示管理员', role: 'admin', community: null },
  { key: 'leader', email: 'leader@demo.local', name: '演示审核领导', role: 'leader', community: null },
  { key: 'editor', email: 'editor@demo.local', name: '演示编辑（西关社区）', role: 'editor', community: 'xiguan' },
  { key: 'editor2', email: 'editor2@demo.local', name: '演示编辑（土门社区）', role: 'editor', community: 'tumen' },
] as const

const COMMUNITIES = [
  { code: 'xiguan', name: '西关社区' },
  { code: 'tumen', name: '土门社区' },
]

/** The transitions that lead to each state, as the workflow would have taken them. */
const PATHS: Record<ReviewState, { action: ReviewAction; to: ReviewState; by: 'author' | 'leader' }[]> = {
  draft: [],
  submitted: [{ action: 'submit', to: 'submitted', by: 'author' }],
  approved: [
    { action: 'submit', to: 'submitted', by: 'author' },
    { action: 'approve', to: 'approved', by: 'leader' },
  ],
  returned: [
    { action: 'submit', to: 'submitted', by: 'author' },
    { action: 'return', to: 'returned', by: 'leader' },
  ],
  withdrawn: [
    { action: 'submit', to: 'submitted', by: 'author' },
    { action: 'withdraw', to: 'withdrawn', by: 'author' },
  ],
  scheduled: [
    { action: 'submit', to: 'submitted', by: 'author' },
    { action: 'approve', to: 'approved', by: 'leader' },
  ],
  sent: [
    { action: 'submit', to: 'submitted', by: 'author' },
    { action: 'approve', to: 'approved', by: 'leader' },
  ],
  archived: [
    { action: 'submit', to: 'submitted', by: 'author' },
    { action: 'approve', to: 'approved', by: 'leader' },
    { action: 'archive', to: 'archived', by: 'leader' },
  ],
}

/**
 * Demo accounts, two communities and about twenty items in every review state, and the 办事服务
 * demo (offices, guides, booking rules, a window clerk, the demo resident's appointments).
 * Runs only on a database without users, so it never touches real data.
 */
export async function seedDemo(payload: Payload): Promise<boolean> {
  const { totalDocs } = await payload.count({ collection: 'users', overrideAccess: true })
  if (totalDocs > 0) return false

  const communityIds: Record<string, string> = {}
  for (const community of COMMUNITIES) {
    const created = await payload.create({ collection: 'communities', data: community, overrideAccess: true })
    communityIds[community.code] = String(created.id)
  }
  const userIds: Record<string, string> = {}
  for (const account of DEMO_ACCOUNTS) {
    const created = await payload.create({
      collection: 'users',
      overrideAccess: true,
      data: {
        email: account.email,
        password: DEMO_PASSWORD,
        name: account.name,
        role: account.role,
        community: account.community ? communityIds[account.community] : undefined,
        active: true,
      },
    })
    userIds[account.key] = String(created.id)
  }

  const start = Date.now() - DEMO_ITEMS.length * 6 * 3600_000
  for (const [index, item] of DEMO_ITEMS.entries()) {
    const authorId = userIds[item.author]
    const community = communityIds[item.author === 'editor' ? 'xiguan' : 'tumen']
    const image = await drawCover(index)
    const cover = await payload.create({
      collection: 'media',
      overrideAccess: true,
      data: { alt: `${item.title} 封面` },
      file: { data: image, mimetype: 'image/jpeg', name: `demo-cover-${index + 1}.jpg`, size: image.length },
    })
    let at = start + index * 6 * 3600_000
    const history: HistoryEntry[] = []
    let state: ReviewState = 'draft'
    for (const step of PATHS[item.state]) {
      at += 45 * 60_000
      history.push({
        action: step.action,
        from: state,
        to: step.to,
        by: step.by === 'author' ? authorId : userIds.leader,
        at: new Date(at).toISOString(),
        reason: step.action === 'return' ? item.returnReason : undefined,
      })
      state = step.to
    }
    const approval = history.find((entry) => entry.action === 'approve')
    const submission = history.filter((entry) => entry.action === 'submit').pop()
    await payload.create({
      collection: item.collection,
      overrideAccess: true,
      context: { [REVIEW_TRANSITION_CONTEXT]: true },
      data: {
        title: item.title,
        digest: item.digest,
        author: item.author === 'editor' ? '西关社区' : '土门社区',
        body: lexicalFromParagraphs(item.paragraphs),
        cover: cover.id,
        community,
        priority: item.priority ?? 'normal',
        createdBy: authorId,
        reviewStatus: item.state,
        reviewHistory: history,
        submittedAt: submission?.at,
        approvedAt: approval?.at,
        approvedBy: approval ? userIds.leader : undefined,
        ...item.extra,
      },
    })
  }
  await seedDemoServices(payload, userIds.leader!, DEMO_PASSWORD, communityIds.xiguan!)
  await seedDemoConsultations(payload, userIds.leader!, communityIds.xiguan!)
  return true
}
