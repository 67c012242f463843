/** Mass send (群发), the leader's preview, status and deletion. */
import type { WeChatCaller } from './caller'

export interface SendAllInput {
  /** A draft's media_id. */
  mediaId: string
  /** Absent: every follower; otherwise the followers with this tag. */
  tagId?: number
  /**
   * ≤ 64 bytes. Makes the send idempotent for 24 h: a repeat answers 45065 with the original
   * msg_id (WeChatApiError.existingMsgId). Without it the send is never retried after a timeout.
   */
  clientMsgId?: string
  /** False (default): WeChat stops the send when an article is judged a reprint. */
  sendIgnoreReprint?: boolean
}

export interface SendAllResult {
  msgId: number
  /** Used by datacube's getarticletotal (`${msgDataId}_${index}`). */
  msgDataId: number | null
}

export type MassStatus = 'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE'

export function massApi(caller: WeChatCaller) {
  return {
    async sendAll(input: SendAllInput): Promise<SendAllResult> {
      const options = { mediaId: input.mediaId, tagId: input.tagId, clientMsgId: input.clientMsgId, sendIgnoreReprint: input.sendIgnoreReprint ? 1 : 0 }
      const answer = await caller.call<{ msg_id: number; msg_data_id?: number }>(
        '/cgi-bin/message/mass/sendall',
        (api, done) => api._sendAllNews(options, done),
        { idempotent: input.clientMsgId !== undefined },
      )
      return { msgId: answer.msg_id, msgDataId: answer.msg_data_id ?? null }
    },

    /** Sends the draft to one follower only (the leader's preview on the phone). */
    async preview(openid: string, mediaId: string): Promise<{ msgId: number }> {
      const answer = await caller.call<{ msg_id: number }>('/cgi-bin/message/mass/preview', (api, done) => api._previewNews(openid, mediaId, done), {
        idempotent: false,
      })
      return { msgId: answer.msg_id }
    },

    async status(msgId: number): Promise<{ msgId: number; status: MassStatus }> {
      const answer = await caller.call<{ msg_id: number; msg_status: MassStatus }>('/cgi-bin/message/mass/get', (api, done) =>
        api._getMassMessageStatus(msgId, done),
      )
      return { msgId: answer.msg_id, status: answer.msg_status }
    },

    /** articleIdx is 1-based; 0 deletes the whole message. */
    async delete(msgId: number, articleIdx = 0): Promise<void> {
      await caller.call('/cgi-bin/message/mass/delete', (api, done) => api._deleteMassArticle(msgId, articleIdx, done))
    },
  }
}
