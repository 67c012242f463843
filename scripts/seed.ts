import { exitWithError, startPayloadOrExit } from '../src/cli/errors'
import { seedDemo } from '../src/seed/demo'
import { prepareWeChatAccounts } from '../src/seed/wechat-account-start'

// Run by `npm start` before serving: the default WeChat account (from .env, or — the demo only —
// one with secrets generated for this install; see src/seed/wechat-account-start.ts), and the demo
// data when enabled. A failure is one line (DEBUG=1 adds the stack), and npm start stops with it.
const payload = await startPayloadOrExit()
try {
  await prepareWeChatAccounts(payload)
  if (process.env.SEED_DEMO !== 'false') {
    if (await seedDemo(payload)) {
      payload.logger.warn(
        '已创建演示账号（admin@ / leader@ / editor@ / editor2@ / clerk@demo.local，密码 demo-password）。这些是演示账号，正式使用前请删除或改密码，并设置 SEED_DEMO=false。',
      )
    } else {
      payload.logger.info('数据库中已有用户，跳过演示数据。')
    }
  }
} catch (error) {
  exitWithError(error)
}
await payload.destroy()
process.exit(0)
