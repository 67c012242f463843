/** A WeChat client pointed at a fresh emulator, with fast retries and a captured log. */
import { createWeChatClient, memoryLogger, type WeChatClientOptions } from '../../../src/wechat/client'
import type { StartEmulatorOptions, WeChatEmulator } from '../../../src/dev/emulator'
import { ACCOUNT, startTestEmulator } from '../support'

/** Small delays so retry tests run in milliseconds; `sleeps` records every backoff. */
export function fastRetry(overrides: Partial<NonNullable<WeChatClientOptions['retry']>> = {}) {
  const sleeps: number[] = []
  return {
    sleeps,
    retry: {
      maxAttempts: 3,
      baseDelayMs: 10,
      maxDelayMs: 40,
      rateLimitAttempts: 2,
      rateLimitDelayMs: 50,
      jitter: 0.5,
      sleep: async (ms: number) => {
        sleeps.push(ms)
        await new Promise((resolve) => setTimeout(resolve, ms))
      },
      ...overrides,
    },
  }
}

export function clientFor(emulator: WeChatEmulator, options: Partial<WeChatClientOptions> = {}) {
  const logger = memoryLogger()
  const client = createWeChatClient({
    appId: ACCOUNT.appId,
    appSecret: ACCOUNT.appSecret,
    baseUrl: emulator.url,
    timeoutMs: 2000,
    uploadTimeoutMs: 2000,
    logger,
    retry: fastRetry().retry,
    ...options,
  })
  return { client, logger }
}

export async function startClientEmulator(options: StartEmulatorOptions = {}) {
  const emulator = await startTestEmulator(options)
  return { emulator, ...clientFor(emulator) }
}

/** API paths the emulator received, in order (admin calls are not logged). */
export const pathsOf = (emulator: WeChatEmulator) => emulator.requestLog.map((entry) => entry.path)

export const countPath = (emulator: WeChatEmulator, path: string) => emulator.requestLog.filter((entry) => entry.path === path).length

/** Every access_token the emulator issued. */
export const issuedTokens = (emulator: WeChatEmulator) => [...emulator.state.tokenIndex.keys()]
