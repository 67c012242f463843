import { findAccount } from '../src/services/accounts/find-account'
import { BACKFILL_EXIT, BACKFILL_USAGE, parseBackfillArgs } from '../src/cli/analytics/args'
import { runBackfill } from '../src/cli/analytics/run'
import { explainError, exitWithError, startPayloadOrExit } from '../src/cli/errors'
import { shanghaiDate } from '../src/shared/time'

// `npm run analytics:backfill -- --from 2026-09-01 --to 2026-11-29 [--account <id|appid>]`
// Run through scripts/run.mjs, which derives the same environment as `npm start`.
// Exit codes: 0 every day fetched, 2 usage, 3 no account, 4 some days failed (the daily sync retries them).
// Errors are one Chinese line (DEBUG=1 adds the stack).
const parsed = parseBackfillArgs(process.argv.slice(2), shanghaiDate(new Date()))
if (parsed.kind !== 'run') {
  if (parsed.kind === 'error') console.error(`${parsed.error}\n`)
  console.log(BACKFILL_USAGE)
  process.exit(parsed.kind === 'help' ? BACKFILL_EXIT.done : BACKFILL_EXIT.usage)
}
const options = parsed.options
// Each WeChat call is logged at info level: hundreds of lines that would bury the progress and the
// summary. Warnings and errors still show; DEBUG=1 shows everything (quietCliLogger).
const payload = await startPayloadOrExit({ quiet: true })

let code: number
try {
  const account = await findAccount(payload, options.account)
  if (!account) {
    console.error(options.account ? `没有找到公众号 ${options.account}（可用 id 或 appid）` : '没有默认公众号：请在 微信 → 公众号 中添加并设为默认')
    code = options.account ? BACKFILL_EXIT.usage : BACKFILL_EXIT.notReady
  } else {
    const result = await runBackfill({ payload, account, options, out: (line) => console.log(line), progress: Boolean(process.stdout.isTTY) })
    code = result.code
  }
} catch (error) {
  console.error(`✗ ${explainError(error)}${process.env.DEBUG ? '' : '（设置 DEBUG=1 可显示详细信息）'}`)
  if (process.env.DEBUG && error instanceof Error) console.error(error.stack)
  code = BACKFILL_EXIT.failed
}
await payload.destroy().catch((error: unknown) => exitWithError(error, code))
process.exit(code)
