/** The WeChat tests' Payload: the main config on a fresh SQLite file (it registers every WeChat collection). */
import { startTestPayload, type TestPayload } from '../../helpers/payload'

export type WeChatTestPayload = TestPayload

export const startPayloadWithWeChat = (): Promise<WeChatTestPayload> => startTestPayload()
