/** Follower tags (标签); a mass send can target one tag (e.g. one community). */
import type { WeChatCaller } from './caller'

export interface Tag {
  id: number
  name: string
  count?: number
}

export function tagsApi(caller: WeChatCaller) {
  return {
    async create(name: string): Promise<Tag> {
      const answer = await caller.call<{ tag: Tag }>('/cgi-bin/tags/create', (api, done) => api._createTag(name, done), { idempotent: false })
      return answer.tag
    },
    async list(): Promise<Tag[]> {
      const answer = await caller.call<{ tags: Tag[] }>('/cgi-bin/tags/get', (api, done) => api._getTags(done))
      return answer.tags
    },
    async delete(tagId: number): Promise<void> {
      await caller.call('/cgi-bin/tags/delete', (api, done) => api._deleteTag(tagId, done))
    },
    /** At most 50 openids per call. */
    async tagUsers(tagId: number, openids: string[]): Promise<void> {
      await caller.call('/cgi-bin/tags/members/batchtagging', (api, done) => api._membersBatchtagging(tagId, openids, done))
    },
    async untagUsers(tagId: number, openids: string[]): Promise<void> {
      await caller.call('/cgi-bin/tags/members/batchuntagging', (api, done) => api._membersBatchuntagging(tagId, openids, done))
    },
    async tagsOfUser(openid: string): Promise<number[]> {
      const answer = await caller.call<{ tagid_list: number[] }>('/cgi-bin/tags/getidlist', (api, done) => api._getUserTags(openid, done))
      return answer.tagid_list
    },
    /**
     * How many people follow the account now: `total` of /cgi-bin/user/get (WeChat counts every
     * follower, including those who followed before this system was connected).
     */
    async followerTotal(): Promise<number> {
      const answer = await caller.call<{ total?: number }>('/cgi-bin/user/get', (api, done) => api._getFollowers('', done))
      return Number(answer.total ?? 0)
    },
    async usersOfTag(tagId: number, nextOpenid = ''): Promise<{ openids: string[]; nextOpenid: string }> {
      const answer = await caller.call<{ data?: { openid?: string[] }; next_openid?: string }>('/cgi-bin/user/tag/get', (api, done) =>
        api._getTagUsers(tagId, nextOpenid, done),
      )
      return { openids: answer.data?.openid ?? [], nextOpenid: answer.next_openid ?? '' }
    },
  }
}
