/**
 * The address of the client a request came from, for the per-address sign-in limit
 * (collections/users/login-throttle.ts).
 *
 * Next's route handlers never see the connection: `next start` only fills `X-Forwarded-For` with
 * the socket's address when the client sent none, so a client that sends its own header chooses
 * its address (a fresh one per request escapes the limit; someone else's gets them blocked).
 * `npm start` therefore serves the admin through `scripts/admin-server.mjs`, a plain Node server in
 * front of Next that reads the connection — and, with `TRUST_PROXY`, the entry the trusted proxy
 * appended to X-Forwarded-For (`proxy-addr`, Express's rules) — and passes the result in
 * `CLIENT_ADDRESS_HEADER`, overwriting whatever the client sent under that name. It marks the
 * process (`STAMPED`) so that the header is believed only where that server runs.
 *
 * Served otherwise (`next start` / `next dev` directly) there is no socket address: with
 * `TRUST_PROXY` set to a number of hops (or `true`, one) the entry that many places from the right
 * of X-Forwarded-For is used — right only when every request passes through that proxy, which is
 * what TRUST_PROXY asserts; without it (or with a list of proxy addresses, which needs the socket to
 * check) there is no address and only the per-account limit applies (logged once).
 */
import type { PayloadRequest } from 'payload'

/** Set by scripts/admin-server.mjs on every request; the same string is written there. */
const CLIENT_ADDRESS_HEADER = 'x-street-office-client-address'
/** `globalThis[STAMPED] === true` in a process served by scripts/admin-server.mjs (same key there). */
const STAMPED = Symbol.for('street-office.client-address-stamped')

let warned = false

/**
 * The hops of `TRUST_PROXY` when it names a number (`2`) or `true`/`on`/`yes` (one proxy);
 * 0 when unset or off; null when it names proxy addresses (`loopback, 10.0.0.0/8`).
 */
function trustedHops(value: string | undefined = process.env.TRUST_PROXY): number | null {
  const text = value?.trim().toLowerCase() ?? ''
  if (text === '' || text === 'false' || text === 'off' || text === 'no' || text === '0') return 0
  if (text === 'true' || text === 'on' || text === 'yes') return 1
  if (/^\d+$/.test(text)) return Number(text)
  return null
}

/**
 * The client's address as described above, or null when it cannot be known (the Local API, which
 * has no request; a server that cannot tell).
 */
export function clientAddress(req: Pick<PayloadRequest, 'headers'>, env: Record<string, string | undefined> = process.env): string | null {
  const headers = req.headers
  if (!headers || typeof headers.get !== 'function') return null
  if ((globalThis as Record<symbol, unknown>)[STAMPED] === true) return headers.get(CLIENT_ADDRESS_HEADER)?.trim() || null
  const hops = trustedHops(env.TRUST_PROXY)
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  if (hops && entries.length > 0) return entries[Math.max(0, entries.length - hops)]!
  if (entries.length > 0 && !warned) {
    warned = true
    console.warn(
      '[login] 未通过 npm start 的服务器（scripts/admin-server.mjs）运行，无法得知客户端地址：按地址的登录限速未启用，仅按账号限速。反向代理后请设置 TRUST_PROXY。',
    )
  }
  return null
}
