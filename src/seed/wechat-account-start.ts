/**
 * What every start does about WeChat accounts before serving (scripts/seed.ts, run by `npm start`
 * and the test server): the default account from .env; the demo's account with secrets generated
 * for this install — on the demo start only; otherwise, with no account, a Chinese line telling the
 * office to add one, and for any account still holding the secrets once published in the source, a
 * logged refusal (loadAccountCredentials refuses its callbacks and API calls); then every account's
 * own menu row (`wechat-menus`) where one is missing.
 */
import type { Payload } from 'payload'
import { ensureDefaultAccount, loadAccountCredentials, NO_ACCOUNT_MESSAGE, PublishedCredentialsError } from '../services/accounts/accounts'
import { ensureDemoWeChatAccount, isDemoStart, type DemoEnv } from '../dev/demo-account'
import { ensureMenuRow } from '../services/menu/load'

export type AccountStartOutcome = 'exists' | 'created-from-env' | 'demo-created' | 'demo-rotated' | 'demo-kept' | 'none'

/** See the top of this file. Logs through payload.logger; answers what it did. */
export async function prepareWeChatAccounts(payload: Payload, env: DemoEnv & Partial<Record<string, string>> = process.env): Promise<AccountStartOutcome> {
  const outcome = await prepareAccounts(payload, env)
  await ensureMenuRows(payload)
  return outcome
}

/**
 * Every account's own menu row (`wechat-menus`): a new account gets it when created; this gives one,
 * with the defaults, to an account that has none (one added before menus were per account, or whose
 * row failed to be created). Idempotent; a failure is logged, the start goes on.
 */
async function ensureMenuRows(payload: Payload): Promise<void> {
  const { docs } = await payload.find({ collection: 'wechat-accounts', overrideAccess: true, limit: 100, depth: 0, pagination: false })
  for (const account of docs) {
    await ensureMenuRow(payload, String(account.id)).catch((error: unknown) =>
      payload.logger.error({ err: error, accountId: String(account.id) }, `公众号「${account.name}」的菜单未能创建（将使用默认菜单）`),
    )
  }
}

async function prepareAccounts(payload: Payload, env: DemoEnv & Partial<Record<string, string>>): Promise<AccountStartOutcome> {
  const outcome = await ensureDefaultAccount(payload, env)
  if (outcome === 'created-from-env') {
    payload.logger.info('已根据环境变量创建默认公众号。')
    return outcome
  }
  if (isDemoStart(env)) {
    const demo = await ensureDemoWeChatAccount(payload, env)
    if (demo === 'created') payload.logger.info('演示环境：已创建连接模拟器的演示公众号（Token、EncodingAESKey、AppSecret 为本机随机生成，加密保存）。')
    if (demo === 'rotated') payload.logger.warn('演示公众号使用的是源代码中公开过的 Token / EncodingAESKey：已换成本机随机生成的新值。')
    return `demo-${demo}`
  }
  if (outcome === 'none') {
    payload.logger.warn(NO_ACCOUNT_MESSAGE)
    return 'none'
  }
  const { docs } = await payload.find({ collection: 'wechat-accounts', overrideAccess: true, limit: 100, depth: 0 })
  for (const account of docs) {
    await loadAccountCredentials(payload, String(account.id)).catch((error: unknown) => {
      if (error instanceof PublishedCredentialsError) payload.logger.error(error.message)
      else throw error
    })
  }
  return 'exists'
}
