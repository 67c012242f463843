/**
 * Runs the WeChat emulator as a standalone process for local development and e2e runs:
 *   node --import tsx src/wechat/emulator/cli.ts
 * Env: WECHAT_EMULATOR_PORT (3100), WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_TOKEN,
 * WECHAT_ENCODING_AES_KEY, WECHAT_EMULATOR_CALLBACK_URL, WECHAT_EMULATOR_MESSAGE_MODE
 * (plain|compatible|safe), WECHAT_EMULATOR_FAULTS (JSON, see faults.ts).
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

async function main(): Promise<void> {
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
