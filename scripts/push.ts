import config from '@payload-config'
import { createInterface } from 'node:readline/promises'
import { getPayload } from 'payload'
import { findAccount } from '../src/admin/push/account'
import { parseArgs, USAGE } from '../src/admin/push/cli-args'
import { runCommand } from '../src/admin/push/cli-commands'
import { EXIT } from '../src/admin/push/cli-plan'
import { resolveWeek } from '../src/admin/push/week-param'

// `npm run push -- status | plan | preview | send [--week 2026-W48] [--account <id|appid>] [--dry-run] [--yes]`
// Exit codes: 0 done / nothing to do, 2 usage, 3 not ready, 4 WeChat failed / skipped, 5 unknown outcome / needs a person.
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

const payload = await getPayload({ config })
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
  console.error(`出错，结果请在后台"每周推送"中核实：${error instanceof Error ? error.message : String(error)}`)
  code = EXIT.attention
}
await payload.destroy()
process.exit(code)
