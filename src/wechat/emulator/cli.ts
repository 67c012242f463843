/**
 * Runs the WeChat emulator as a standalone process for local development and e2e runs:
 *   node --import tsx src/wechat/emulator/cli.ts
 * Env: WECHAT_EMULATOR_PORT (3100), WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_TOKEN,
 * WECHAT_ENCODING_AES_KEY, WECHAT_EMULATOR_CALLBACK_URL, WECHAT_EMULATOR_MESSAGE_MODE
 * (plain|compatible|safe), WECHAT_EMULATOR_FAULTS (JSON, see faults.ts), WECHAT_EMULATOR_HOST (127.0.0.1).
 *
 * Never under NODE_ENV=production: the emulator has no authentication and shows the residents'
 * messages it carried, decrypted. It exits with PRODUCTION_REFUSAL (code 1) there; `npm start`'s
 * embedded-database demo runs it with NODE_ENV=development (scripts/env.mjs emulatorEnv).
 */
import { DEMO_ACCOUNT, type EmulatorAccountConfig, type MessageMode } from './state'
import { startEmulator } from './server'

function accountFromEnv(env: NodeJS.ProcessEnv): EmulatorAccountConfig {
  const mode = env.WECHAT_EMULATOR_MESSAGE_MODE
  const messageMode: MessageMode | undefined = mode === 'plain' || mode === 'compatible' || mode === 'safe' ? mode : undefined
  return {
    ...DEMO_ACCOUNT,
    appId: env.WECHAT_APP_ID || DEMO_ACCOUNT.appId,
    appSecret: env.WECHAT_APP_SECRET || DEMO_ACCOUNT.appSecret,
    token: env.WECHAT_TOKEN || DEMO_ACCOUNT.token,
    encodingAESKey: env.WECHAT_ENCODING_AES_KEY || DEMO_ACCOUNT.encodingAESKey,
    callbackUrl: env.WECHAT_EMULATOR_CALLBACK_URL || undefined,
    messageMode: messageMode ?? DEMO_ACCOUNT.messageMode,
  }
}

/** What the emulator answers, on stderr, when started under NODE_ENV=production. */
const PRODUCTION_REFUSAL =
  '微信模拟器不能在生产环境（NODE_ENV=production）中运行：它没有登录保护，并会显示居民消息。正式部署请在 .env 中配置真实公众号（WECHAT_APP_ID 等）；本地开发请使用 npm start 的演示环境。'

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    console.error(PRODUCTION_REFUSAL)
    process.exit(1)
  }
  const port = Number(process.env.WECHAT_EMULATOR_PORT || 3100)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid WECHAT_EMULATOR_PORT: ${process.env.WECHAT_EMULATOR_PORT}`)
  const account = accountFromEnv(process.env)
  const emulator = await startEmulator({ port, host: process.env.WECHAT_EMULATOR_HOST || '127.0.0.1', accounts: [account] })

  console.log(`WeChat emulator listening on ${emulator.url}`)
  console.log(`  appid ${account.appId}, mode ${account.messageMode}, callback ${account.callbackUrl ?? '(none)'}`)
  console.log(`  log ${emulator.url}/__emulator/log   faults POST ${emulator.url}/__emulator/faults   reset POST ${emulator.url}/__emulator/reset`)

  const shutdown = () => {
    void emulator.close().then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
