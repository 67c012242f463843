/**
 * The origins allowed to use a staff member's session cookie (Payload's `csrf`) and to call the API
 * from a browser page (Payload's `cors`).
 *
 * Why explicit: Payload checks a cookie-carrying request's Origin only against a non-empty list,
 * and adds PUBLIC_URL to it only when PUBLIC_URL is set. Without PUBLIC_URL the list was empty and
 * every origin was trusted, so a page on another port of the same host could act as the leader.
 *
 * - PUBLIC_URL set: its origin only.
 * - PUBLIC_URL unset in production — NODE_ENV=production on MongoDB, the database the README names
 *   for production (the embedded SQLite file is the demo `npm start` runs, also under
 *   NODE_ENV=production) — refused: the server does not start (Error with a Chinese message).
 * - PUBLIC_URL unset otherwise (the demo, `next dev`): the admin's own loopback addresses,
 *   http://localhost:PORT and http://127.0.0.1:PORT, PORT being the port the admin listens on
 *   (scripts/admin-server.mjs, like `next start`, sets process.env.PORT before the config loads;
 *   default 3000). Opening the demo to the
 *   network with HOST needs PUBLIC_URL, or the browser's origin is not trusted.
 */
import { databaseKind } from '../config/database'

/** The variables read here; process.env by default. */
export type OriginEnv = Partial<Record<'PUBLIC_URL' | 'NODE_ENV' | 'DATABASE_URI' | 'PORT', string>>

/** The origin of PUBLIC_URL, or null when it is unset or empty. Throws (Chinese) when it is not a URL. */
function publicOrigin(publicUrl: string | undefined = process.env.PUBLIC_URL): string | null {
  const value = publicUrl?.trim()
  if (!value) return null
  try {
    return new URL(value).origin
  } catch {
    throw new Error(`PUBLIC_URL 不是有效的网址："${value}"。请设置为后台的访问地址，例如 https://wx.example.gov.cn`)
  }
}

/** True for a production deployment: NODE_ENV=production on the MongoDB database (see above). */
export function isProductionDeployment(env: OriginEnv = process.env): boolean {
  return env.NODE_ENV === 'production' && databaseKind(env.DATABASE_URI) === 'mongodb'
}

/**
 * The allowed origins, as listed above; the same list serves Payload's `csrf` and `cors`.
 * Throws an Error with a Chinese message in production without PUBLIC_URL.
 */
export function allowedOrigins(env: OriginEnv = process.env): string[] {
  const origin = publicOrigin(env.PUBLIC_URL)
  if (origin) return [origin]
  if (isProductionDeployment(env)) {
    throw new Error(
      '生产环境必须设置 PUBLIC_URL（后台的访问地址，例如 https://wx.example.gov.cn）：只有来自该地址的页面才能使用登录状态。请在 .env 中设置后再启动。',
    )
  }
  const port = env.PORT?.trim() || '3000'
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`]
}
