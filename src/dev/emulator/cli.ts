/**
 * Runs the WeChat emulator as a standalone process for local development and e2e runs:
 *   node --import tsx src/dev/emulator/cli.ts
 * The account: the demo's, from the file the demo start writes with the secrets generated for this
 * install (src/dev/demo-account.ts demoAccountFile: beside the SQLite file, or
 * WECHAT_DEMO_ACCOUNT_FILE), or all four of WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_TOKEN,
 * WECHAT_ENCODING_AES_KEY. Never constants from the source: without either it stops with a
 * Chinese line saying to run `npm start` first.
 * Env: WECHAT_EMULATOR_PORT (3100), WECHAT_EMULATOR_CALLBACK_URL, WECHAT_EMULATOR_MESSAGE_MODE
 * (plain|compatible|safe), WECHAT_EMULATOR_FAULTS (JSON, see faults.ts), WECHAT_EMULATOR_HOST (127.0.0.1),
 * WECHAT_EMULATOR_HISTORY_DAYS (default 120 for the demo's account, 0 for one from the environment): the
 * past of follower growth and weekly sends the statistics show (history.ts).
 * Beside the demo's account, the accounts `npm run wechat:emulator:account` registered (a community's
 * 服务号), from `.wechat-emulator-accounts` beside the demo account's file, read at start and again
 * when it changes (accounts-file.ts); each one's callback is WECHAT_EMULATOR_CALLBACK_URL's path with
 * the account's id in place of the demo's appid.
 *
 * Never under NODE_ENV=production: the emulator has no authentication and shows the residents'
 * messages it carried, decrypted. It exits with PRODUCTION_REFUSAL (code 1) there; `npm start`'s
 * embedded-database demo runs it with NODE_ENV=development (scripts/env.mjs emulatorEnv).
 */
import { demoAccountFile, readDemoAccountFile } from '../demo-account'
import { emulatorAccountsFile } from '../emulator-accounts'
import { followAccountsFile } from './accounts-file'
import type { EmulatorAccountConfig, MessageMode } from './state'
import { startEmulator } from './server'
import { DEMO_HISTORY_TITLES } from './history'

/** About four months: a three-month backfill in the demo shows figures. */
const DEMO_HISTORY_DAYS = 120

/** Said when the emulator has no account to emulate. */
const NO_ACCOUNT_REFUSAL = (file: string) =>
  `微信模拟器找不到演示公众号的凭据（${file}）：请先运行 npm start（演示环境会为本机生成演示公众号的 Token、EncodingAESKey 和 AppSecret 并写入该文件），或设置 WECHAT_APP_ID、WECHAT_APP_SECRET、WECHAT_TOKEN、WECHAT_ENCODING_AES_KEY。`

/** The account to emulate (see the top of this file), or null. */
function accountFromEnv(env: NodeJS.ProcessEnv): EmulatorAccountConfig | null {
  const mode = env.WECHAT_EMULATOR_MESSAGE_MODE
  const messageMode: MessageMode = mode === 'plain' || mode === 'compatible' || mode === 'safe' ? mode : 'safe'
  const common = { type: 'service' as const, followerCount: 100, callbackUrl: env.WECHAT_EMULATOR_CALLBACK_URL || undefined, messageMode }
  if (env.WECHAT_APP_ID && env.WECHAT_APP_SECRET && env.WECHAT_TOKEN && env.WECHAT_ENCODING_AES_KEY) {
    return { ...common, appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET, token: env.WECHAT_TOKEN, encodingAESKey: env.WECHAT_ENCODING_AES_KEY }
  }
  const demo = readDemoAccountFile(demoAccountFile(env))
  return demo ? { ...common, ...demo } : null
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
  if (!account) {
    console.error(NO_ACCOUNT_REFUSAL(demoAccountFile(process.env)))
    process.exit(1)
  }
  const fromEnv = Boolean(process.env.WECHAT_APP_ID)
  const historyDays = Number(process.env.WECHAT_EMULATOR_HISTORY_DAYS || (fromEnv ? 0 : DEMO_HISTORY_DAYS))
  const history = Number.isInteger(historyDays) && historyDays > 0 ? { days: historyDays, titles: DEMO_HISTORY_TITLES } : undefined
  const emulator = await startEmulator({ port, host: process.env.WECHAT_EMULATOR_HOST || '127.0.0.1', accounts: [account], history })

  console.log(`WeChat emulator listening on ${emulator.url}`)
  console.log(`  appid ${account.appId}, mode ${account.messageMode}, callback ${account.callbackUrl ?? '(none)'}`)
  if (history) console.log(`  history: ${history.days} days of followers and weekly sends (WECHAT_EMULATOR_HISTORY_DAYS=0 turns it off)`)
  const accountsFile = emulatorAccountsFile(process.env)
  const stopFollowing = followAccountsFile(emulator, accountsFile, {
    demoCallbackUrl: account.callbackUrl,
    messageMode: account.messageMode,
    onChange: (entry, outcome) =>
      console.log(
        `  ${outcome === 'added' ? '已登记公众号' : '已更新公众号'} ${entry.appId}（${accountsFile}），回调 ${emulator.account(entry.appId).config.callbackUrl ?? '（无）'}`,
      ),
  })
  console.log(`  log ${emulator.url}/__emulator/log   faults POST ${emulator.url}/__emulator/faults   reset POST ${emulator.url}/__emulator/reset`)

  const shutdown = () => {
    stopFollowing()
    void emulator.close().then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
