import type { Payload } from 'payload'
import type { ItemRef } from './item-refs'

/** The WeChat calls a weekly push makes; `wechat-gateway.ts` provides them over the WeChat client. */
export interface PushGateway {
  /** Converts the items to WeChat articles (images uploaded once, cached) and adds one draft. */
  createDraft(items: ItemRef[]): Promise<{ mediaId: string }>
  sendAll(input: { mediaId: string; clientMsgId: string; tagId?: number }): Promise<{ msgId: string; msgDataId: string | null }>
  preview(input: { mediaId: string; openid: string }): Promise<{ msgId: string }>
  status(msgId: string): Promise<'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE'>
}

export type GatewayFactory = (payload: Payload, accountId: string) => Promise<PushGateway>

/** How a failed WeChat call ended, as far as the push cares. */
export interface GatewayFailure {
  errcode: number | null
  meaning: string
  /** The request may have been carried out although no answer arrived. */
  outcomeUnknown: boolean
  /** 45065: the send that already happened under this clientmsgid. */
  existingMsgId: string | null
}
