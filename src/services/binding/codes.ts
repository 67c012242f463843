/**
 * One-time binding codes: a staff member asks for an 8-digit code in the admin, then sends
 * `绑定 <code>` to the account, which links their openid to their user. Codes live 10 minutes, are
 * stored as an HMAC (a leaked table does not give live codes) and work once. Eight digits (10⁸
 * codes, compared whole, nothing to learn from a prefix) against at most 40 failed attempts an hour
 * per account (attempt-limits.ts): guessing a live code is out of reach.
 */
import { createHmac, randomInt } from 'node:crypto'
import type { Payload, Where } from 'payload'
import { compareAndSet } from '../../shared/cas'
import { idOf } from '../../access/roles'

const CODE_TTL_MS = 10 * 60_000
/** Digits in a code (command.ts parses exactly this many). */
const CODE_DIGITS = 8

const hashBindingCode = (payload: Payload, code: string): string => createHmac('sha256', payload.secret).update(`binding:${code}`).digest('hex')

const liveWhere = (nowIso: string): Where[] => [{ usedAt: { exists: false } }, { expiresAt: { greater_than: nowIso } }]

export interface IssuedCode {
  code: string
  expiresAt: string
}

export async function issueBindingCode(payload: Payload, userId: string, nowMs = Date.now()): Promise<IssuedCode> {
  const nowIso = new Date(nowMs).toISOString()
  // A new code replaces the user's earlier ones: only the code on screen works.
  await payload.update({
    collection: 'binding-codes',
    overrideAccess: true,
    where: { and: [{ user: { equals: userId } }, ...liveWhere(nowIso)] },
    data: { usedAt: nowIso, outcome: 'replaced' },
  })
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0')
    const codeHash = hashBindingCode(payload, code)
    // Two live codes must never be equal, or one person's code would bind the other.
    const { totalDocs } = await payload.count({
      collection: 'binding-codes',
      overrideAccess: true,
      where: { and: [{ codeHash: { equals: codeHash } }, ...liveWhere(nowIso)] },
    })
    if (totalDocs > 0) continue
    const expiresAt = new Date(nowMs + CODE_TTL_MS).toISOString()
    await payload.create({ collection: 'binding-codes', overrideAccess: true, depth: 0, data: { user: userId, codeHash, expiresAt } })
    return { code, expiresAt }
  }
  throw new Error('无法生成绑定码，请稍后再试')
}

/** Claims a live code atomically; answers the user id it belongs to, or null (wrong, used or expired). */
export async function claimBindingCode(payload: Payload, code: string, openid: string, nowMs = Date.now()): Promise<string | null> {
  const nowIso = new Date(nowMs).toISOString()
  const claimed = await compareAndSet(
    payload,
    'binding-codes',
    { and: [{ codeHash: { equals: hashBindingCode(payload, code) } }, ...liveWhere(nowIso)] },
    { usedAt: nowIso, openid, outcome: 'bound' },
  )
  return claimed ? idOf(claimed.user) : null
}
