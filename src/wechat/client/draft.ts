/** The draft box (草稿箱): a draft's media_id is what a mass send takes. */
import type { WeChatCaller } from './caller'

/** One article of a news message, in WeChat's field names. */
export interface DraftArticle {
  title: string
  author?: string
  /** Single-article messages only; WeChat defaults it to the first 54 characters of the text. */
  digest?: string
  content: string
  content_source_url?: string
  thumb_media_id: string
  need_open_comment?: 0 | 1
  only_fans_can_comment?: 0 | 1
}

export interface StoredDraft {
  news_item: Array<DraftArticle & { url: string; thumb_url: string }>
  create_time: number
  update_time: number
}

export function draftApi(caller: WeChatCaller) {
  return {
    /** POST draft/add with 1–8 articles → the draft's media_id. */
    async add(articles: DraftArticle[]): Promise<{ mediaId: string }> {
      const answer = await caller.call<{ media_id: string }>('/cgi-bin/draft/add', (api, done) => api._addDraft(articles, done))
      return { mediaId: answer.media_id }
    },
    get(mediaId: string): Promise<StoredDraft> {
      return caller.call<StoredDraft>('/cgi-bin/draft/get', (api, done) => api._getDraft(mediaId, done))
    },
    async delete(mediaId: string): Promise<void> {
      await caller.call('/cgi-bin/draft/delete', (api, done) => api._deleteDraft(mediaId, done))
    },
  }
}
