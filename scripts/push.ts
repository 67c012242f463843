import { createInterface } from 'node:readline/promises'
import { findAccount } from '../src/services/accounts/find-account'
import { parseArgs, USAGE } from '../src/cli/push/args'
import { runCommand } from '../src/cli/push/commands'
import { explainError, exitWithError, startPayloadOrExit } from '../src/cli/errors'
import { EXIT } from '../src/cli/push/plan'
import { resolveWeek } from '../src/services/push/week-param'

// `npm run push -- status | plan | preview | send [--week 2026-W48] [--account <id|appid>] [--dry-run] [--yes]`
// Run through scripts/run.mjs, which derives the same environment as `npm start`.
// Exit codes: 0 done / nothing to do, 2 usage, 3 not ready, 4 WeChat failed / skipped, 5 unknown outcome / needs a person.
// Errors are one Chinese line (DEBUG=1 adds the stack).
const parsed = parseArgs(process.argv.slice(2))
if (parsed.kind !== 'run') {
  if (parsed.kind === 'error') console.error(`${parsed.error}\n`)
  console.log(USAGE)
  process.exit(parsed.kind === 'help' ? EXIT.done : EXIT.usage)
}
const options = parsed.options
const now = new Date()
const week = resolveWeek(options.week, now)
if (!week.ok) {
  console.error(`--week：${week.error}`)
  process.exit(EXIT.usage)
}

// Payload's info logs (each WeChat call, each notice) would bury the Chinese answer: warn unless DEBUG.
const payload = await startPayloadOrExit({ quiet: true })
const ask = async (question: string) => {
  const terminal = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return await terminal.question(question)
  } finally {
    terminal.close()
  }
}

let code: number
try {
  const account = await findAccount(payload, options.account)
  if (!account) {
    console.error(options.account ? `没有找到公众号 ${options.account}（可用 id 或 appid）` : '没有默认公众号：请在 微信 → 公众号 中添加并设为默认')
    code = options.account ? EXIT.usage : EXIT.notReady
  } else {
    const out = (line: string) => console.log(line)
    code = await runCommand({ payload, account, week: week.week, now, options, out, isTTY: Boolean(process.stdin.isTTY), ask })
  }
} catch (error) {
  console.error(`✗ ${explainError(error)}。结果请在后台"本周推送"中核实${process.env.DEBUG ? '' : '（设置 DEBUG=1 可显示详细信息）'}`)
  if (process.env.DEBUG && error instanceof Error) console.error(error.stack)
  code = EXIT.attention
}
await payload.destroy().catch((error: unknown) => exitWithError(error, code))
process.exit(code)
