import type { Payload } from 'payload'
import { clientForAccount } from '../accounts/account-client'
import type { WeChatClientOptions } from '../../wechat/client'
import { buildWeChatArticle } from '../../wechat/convert'
import type { PushGateway } from './gateway'
import type { ItemRef } from './item-refs'

/** The weekly push's WeChat calls over the shared client; tokens are shared through the database. */
export async function wechatGateway(payload: Payload, accountId: string, clientOptions: Partial<WeChatClientOptions> = {}): Promise<PushGateway> {
  const client = await clientForAccount(payload, accountId, clientOptions)

  return {
    async createDraft(refs: ItemRef[]) {
      // Every item's images upload at once (bounded per item); unchanged images come from the cache.
      const articles = await Promise.all(
        refs.map(async (ref) => {
          const doc = await payload.findByID({ collection: ref.relationTo, id: ref.value, depth: 1, overrideAccess: true })
          return buildWeChatArticle(payload, client, doc, { account: client.appId })
        }),
      )
      // WeChat uses the digest of single-article messages only.
      const drafted = articles.length > 1 ? articles.map(({ digest: _digest, ...rest }) => rest) : articles
      return client.draft.add(drafted)
    },
    async sendAll({ mediaId, clientMsgId, tagId }) {
      const sent = await client.mass.sendAll({ mediaId, clientMsgId, tagId })
      return { msgId: String(sent.msgId), msgDataId: sent.msgDataId === null ? null : String(sent.msgDataId) }
    },
    async preview({ mediaId, openid }) {
      const sent = await client.mass.preview(openid, mediaId)
      return { msgId: String(sent.msgId) }
    },
    async status(msgId: string) {
      return (await client.mass.status(Number(msgId))).status
    },
  }
}
