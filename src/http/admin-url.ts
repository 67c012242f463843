/**
 * The server's address as browsers and WeChat reach it, without a trailing `/`: `publicUrl` (default
 * PUBLIC_URL), or — unset, the local demo — `http://localhost:<PORT>` (npm start's admin, 3000 unless
 * PORT says otherwise). Read at call time, so the running server's environment counts, not the build's.
 * The one home of that default: links in e-mails, template messages and the menu's pages all use it.
 */
export function publicBaseUrl(publicUrl: string | undefined = process.env.PUBLIC_URL): string {
  return (publicUrl?.trim() || `http://localhost:${process.env.PORT?.trim() || '3000'}`).replace(/\/+$/, '')
}

/**
 * An absolute link into the admin, for e-mails and notices that leave the server: `publicBaseUrl()`
 * (PUBLIC_URL, else the local demo address).
 *
 * `path` is the part after `/admin`, starting with `/`: `adminUrl('/collections/weekly-pushes/12')`
 * → `https://wx.example.gov.cn/admin/collections/weekly-pushes/12`.
 */
export function adminUrl(path: string): string {
  return `${publicBaseUrl()}/admin${path}`
}

/**
 * An absolute link to a residents' page (`/m/…`, opened inside WeChat), for template messages:
 * `publicBaseUrl()` (the address residents reach) plus `path`, e.g. `residentPageUrl('/m/appointments/12')`.
 */
export function residentPageUrl(path: string): string {
  return `${publicBaseUrl()}${path}`
}
