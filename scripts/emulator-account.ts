import path from 'node:path'
import { exitWithError, startPayloadOrExit } from '../src/cli/errors'
import { checkEmulatorAccount, EmulatorAccountError, emulatorAccountRefusal, probeEmulator, registerEmulatorAccount } from '../src/dev/emulator-accounts'

// `npm run wechat:emulator:account -- <appid 或 id>`: the demo's emulator plays 微信公众平台 for an
// account added under 微信 → 公众号 (src/dev/emulator-accounts.ts). Run through scripts/run.mjs,
// which points WECHAT_API_BASE at the emulator `npm start` runs.
// Exit codes: 0 done (also: nothing to change), 2 usage or no such account, 3 refused (not the demo's
// emulator), 4 the emulator did not accept the account.
const USAGE = `用法：npm run wechat:emulator:account -- <AppID 或公众号 id>

仅用于演示环境：让本机的微信模拟器像微信公众平台一样开通在 微信 → 公众号 中添加的公众号（例如社区服务号）：
为它生成 AppSecret、Token、EncodingAESKey（已有的保留），加密保存到该公众号，并登记到正在运行的模拟器。
重复运行不会更换已有的密钥。真实公众号的密钥要在微信公众平台获取，不能用这条命令。`

const args = process.argv.slice(2).filter((arg) => arg !== '--')
if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
  console.log(USAGE)
  process.exit(args.length === 1 ? 0 : 2)
}
const ref = args[0]!
const relative = (file: string) => path.relative(process.cwd(), file) || file

// Before the database: refusing needs none, and a real account is never touched.
const refusal = emulatorAccountRefusal(process.env)
if (refusal) {
  console.error(`✗ ${refusal}`)
  process.exit(3)
}
const base = process.env.WECHAT_API_BASE!
const probe = await probeEmulator(base)
if (probe === 'not-emulator') {
  console.error(`✗ 微信接口 ${base} 不是本机的微信模拟器：真实公众号的密钥要在微信公众平台获取，不能用这条命令。`)
  process.exit(3)
}

const payload = await startPayloadOrExit()
let code = 0
try {
  const outcome = await registerEmulatorAccount(payload, ref, process.env)
  const { account } = outcome
  const named = `公众号「${account.name}」（${account.appId}，id ${account.id}）`
  if (outcome.demo || !outcome.entry) {
    console.log(`${named}是演示公众号：npm start 已把它登记在微信模拟器中，无需操作。`)
  } else {
    console.log(`${named}：`)
    if (outcome.generated.length) console.log(`  已生成 ${outcome.generated.join('、')}，加密保存到该公众号（微信 → 公众号）`)
    if (outcome.kept.length) console.log(`  沿用该公众号已有的 ${outcome.kept.join('、')}（重复运行不会更换密钥）`)
    console.log(`  模拟器的公众号清单 ${relative(outcome.file)}（仅本机用户可读）：${outcome.fileChanged ? '已写入' : '已有，无变化'}`)
    if (probe === 'unreachable') {
      console.log(`  微信模拟器（${base}）现在没有运行：下次 npm start 启动模拟器时会读入这个公众号。`)
    } else {
      const check = await checkEmulatorAccount(base, outcome.entry)
      if (check === 'ready') {
        const listed = (await (await fetch(`${base.replace(/\/+$/, '')}/__emulator/accounts`)).json()) as {
          accounts: { appId: string; callbackUrl: string | null; followers: number }[]
        }
        const seen = listed.accounts.find((entry) => entry.appId === account.appId)
        console.log(`  微信模拟器（${base}）已登记：用这组密钥获取 access_token 成功；演示粉丝 ${seen?.followers ?? 0} 人`)
        console.log(`  回调地址（相当于公众平台「服务器配置」的 URL）：${seen?.callbackUrl ?? '（模拟器没有回调地址：请用 npm start 运行它）'}`)
        console.log(`现在可以为它生成和发送每周推送，例如：npm run push -- status --account ${account.appId}`)
      } else {
        const why =
          check === 'wrong-secret'
            ? '模拟器中的 AppSecret 与该公众号的不一致'
            : check === 'unknown-account'
              ? '模拟器没有读入这个公众号（AppID 不正确）'
              : '模拟器没有响应'
        console.error(`✗ 微信模拟器（${base}）没有接受这个公众号：${why}。请重新启动 npm start 后再运行这条命令。`)
        code = 4
      }
    }
  }
} catch (error) {
  if (error instanceof EmulatorAccountError) {
    console.error(`✗ ${error.message}`)
    code = error.exitCode
  } else {
    await payload.destroy().catch(() => undefined)
    exitWithError(error)
  }
}
await payload.destroy().catch(() => undefined)
process.exit(code)
