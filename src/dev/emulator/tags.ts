/** User tags (标签) and follower lookups; sendall can target a tag. */
import { wxError, wxOk } from './errors'
import { asNumber, asRecord, asString, byteLength, type Route } from './context'
import { subscribedOpenids, type AccountState } from './state'

const TAG_NAME_MAX_BYTES = 30
const MAX_TAGS = 100
const BATCH_MAX_OPENIDS = 50
/** Ids 0–2 are WeChat's reserved system tags. */
const RESERVED_TAG_IDS = new Set([0, 1, 2])

function tagCount(account: AccountState, tagId: number): number {
  return [...account.users.values()].filter((user) => user.subscribed && user.tagIds.includes(tagId)).length
}

const createTag: Route = {
  method: 'POST',
  path: '/cgi-bin/tags/create',
  auth: 'access_token',
  body: 'json',
  handle(request, context) {
    const account = request.account!
    const name = asString(asRecord(request.json.tag)?.name)?.trim() ?? ''
    if (name === '') return { body: wxError(45157) }
    if (byteLength(name) > TAG_NAME_MAX_BYTES) return { body: wxError(45158) }
    if ([...account.tags.values()].some((tag) => tag.name === name)) return { body: wxError(45157) }
    if (account.tags.size >= MAX_TAGS) return { body: wxError(45056) }
    const tag = { id: context.state.sequence.tagId++, name }
    account.tags.set(tag.id, tag)
    return { body: { tag: { id: tag.id, name: tag.name } } }
  },
}

const getTags: Route = {
  method: 'GET',
  path: '/cgi-bin/tags/get',
  auth: 'access_token',
  handle(request) {
    const account = request.account!
    return { body: { tags: [...account.tags.values()].map((tag) => ({ ...tag, count: tagCount(account, tag.id) })) } }
  },
}

const deleteTag: Route = {
  method: 'POST',
  path: '/cgi-bin/tags/delete',
  auth: 'access_token',
  body: 'json',
  handle(request) {
    const account = request.account!
    const id = asNumber(asRecord(request.json.tag)?.id)
    if (id === null || RESERVED_TAG_IDS.has(id) || !account.tags.has(id)) return { body: wxError(45159) }
    account.tags.delete(id)
    for (const user of account.users.values()) user.tagIds = user.tagIds.filter((tagId) => tagId !== id)
    return { body: wxOk() }
  },
}

/** Shared by batchtagging and batchuntagging. */
function batchRoute(path: string, apply: (tagIds: number[], tagId: number) => number[]): Route {
  return {
    method: 'POST',
    path,
    auth: 'access_token',
    body: 'json',
    handle(request) {
      const account = request.account!
      const openids = request.json.openid_list
      const tagId = asNumber(request.json.tagid)
      if (!Array.isArray(openids) || openids.length === 0 || openids.length > BATCH_MAX_OPENIDS) return { body: wxError(40032) }
      if (tagId === null || !account.tags.has(tagId)) return { body: wxError(45159) }
      const users = openids.map((openid) => (typeof openid === 'string' ? account.users.get(openid) : undefined))
      if (users.some((user) => !user)) return { body: wxError(40003) }
      for (const user of users) user!.tagIds = apply(user!.tagIds, tagId)
      return { body: wxOk() }
    },
  }
}

const batchTagging = batchRoute('/cgi-bin/tags/members/batchtagging', (ids, id) => (ids.includes(id) ? ids : [...ids, id]))
const batchUntagging = batchRoute('/cgi-bin/tags/members/batchuntagging', (ids, id) => ids.filter((tagId) => tagId !== id))

const tagsOfUser: Route = {
  method: 'POST',
  path: '/cgi-bin/tags/getidlist',
  auth: 'access_token',
  body: 'json',
  handle(request) {
    const openid = asString(request.json.openid)
    const user = openid ? request.account!.users.get(openid) : undefined
    return { body: user ? { tagid_list: [...user.tagIds] } : wxError(40003) }
  },
}

const usersOfTag: Route = {
  method: 'POST',
  path: '/cgi-bin/user/tag/get',
  auth: 'access_token',
  body: 'json',
  handle(request) {
    const account = request.account!
    const tagId = asNumber(request.json.tagid)
    if (tagId === null || !account.tags.has(tagId)) return { body: wxError(45159) }
    const openids = subscribedOpenids(account).filter((openid) => account.users.get(openid)!.tagIds.includes(tagId))
    return { body: { count: openids.length, data: { openid: openids }, next_openid: '' } }
  },
}

const listFollowers: Route = {
  method: 'GET',
  path: '/cgi-bin/user/get',
  auth: 'access_token',
  handle(request) {
    const openids = subscribedOpenids(request.account!)
    return { body: { total: openids.length, count: openids.length, data: { openid: openids }, next_openid: openids.at(-1) ?? '' } }
  },
}

const userInfo: Route = {
  method: 'GET',
  path: '/cgi-bin/user/info',
  auth: 'access_token',
  handle(request) {
    const openid = request.query.get('openid')
    const user = openid ? request.account!.users.get(openid) : undefined
    if (!user) return { body: wxError(40003) }
    if (!user.subscribed) return { body: { subscribe: 0, openid: user.openid } }
    return {
      body: {
        subscribe: 1,
        openid: user.openid,
        language: 'zh_CN',
        subscribe_time: Math.floor(user.subscribeTime / 1000),
        remark: '',
        groupid: 0,
        tagid_list: [...user.tagIds],
        subscribe_scene: user.subscribeScene,
        qr_scene: 0,
        qr_scene_str: '',
      },
    }
  },
}

export const tagRoutes: Route[] = [createTag, getTags, deleteTag, batchTagging, batchUntagging, tagsOfUser, usersOfTag, listFollowers, userInfo]
