import type { Payload } from 'payload'
import type { User } from '../../src/payload-types'
import { lexicalFromParagraphs } from '../../src/services/content/rich-text'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import type { ReviewState } from '../../src/services/review/state-machine'
import { drawCover } from '../../src/seed/covers'

export const PASSWORD = 'test-password-1'
export const ACTORS = ['admin', 'leader', 'author', 'colleague', 'outsider'] as const
export type Actor = (typeof ACTORS)[number]

export interface Fixtures {
  communityA: string
  communityB: string
  users: Record<Actor, User & { collection: 'users' }>
  cover: string
}

/**
 * Two communities and one account per actor: `author` writes the items, `colleague` is another
 * editor of the same community, `outsider` an editor of the other community.
 */
export async function createFixtures(payload: Payload, prefix = 't'): Promise<Fixtures> {
  const a = await payload.create({ collection: 'communities', data: { name: `${prefix}西关社区`, code: `${prefix}-xiguan` } })
  const b = await payload.create({ collection: 'communities', data: { name: `${prefix}土门社区`, code: `${prefix}-tumen` } })
  const specs: Record<Actor, { role: string; community?: string }> = {
    admin: { role: 'admin' },
    leader: { role: 'leader' },
    author: { role: 'editor', community: String(a.id) },
    colleague: { role: 'editor', community: String(a.id) },
    outsider: { role: 'editor', community: String(b.id) },
  }
  const users = {} as Fixtures['users']
  for (const actor of ACTORS) {
    const created = await payload.create({
      collection: 'users',
      data: { email: `${prefix}-${actor}@example.test`, password: PASSWORD, name: actor, ...specs[actor] } as never,
    })
    users[actor] = { ...created, collection: 'users' }
  }
  const image = await drawCover(1)
  const cover = await payload.create({
    collection: 'media',
    data: { alt: '封面' },
    file: { data: image, mimetype: 'image/jpeg', name: 'cover.jpg', size: image.length },
  })
  return { communityA: String(a.id), communityB: String(b.id), users, cover: String(cover.id) }
}

export type ContentSlug = 'articles' | 'policy-explainers' | 'community-news'

export const TYPE_FIELDS: Record<ContentSlug, Record<string, unknown>> = {
  articles: { category: 'notice' },
  'policy-explainers': { policyTitle: '测试政策' },
  'community-news': { place: '社区服务站' },
}

/** An item by `author` in `state`, complete enough to pass the WeChat checks unless told otherwise. */
export async function createItem(
  payload: Payload,
  fx: Fixtures,
  collection: ContentSlug,
  state: ReviewState,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const doc = await payload.create({
    collection,
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: {
      title: `测试内容 ${state}`,
      digest: '摘要',
      body: lexicalFromParagraphs(['正文第一段。']),
      cover: fx.cover,
      community: fx.communityA,
      createdBy: fx.users.author.id,
      reviewStatus: state,
      ...TYPE_FIELDS[collection],
      ...overrides,
    } as never,
  })
  return String(doc.id)
}
