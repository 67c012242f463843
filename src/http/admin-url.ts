/**
 * An absolute link into the admin, for e-mails and notices that leave the server: PUBLIC_URL (the
 * address the office's browsers use), or the local demo address `http://localhost:3000` when it is
 * unset. Read at call time, so the server's environment counts, not the build's.
 *
 * `path` is the part after `/admin`, starting with `/`: `adminUrl('/collections/weekly-pushes/12')`
 * → `https://wx.example.gov.cn/admin/collections/weekly-pushes/12`.
 */
export function adminUrl(path: string): string {
  return `${process.env.PUBLIC_URL ?? 'http://localhost:3000'}/admin${path}`
}

/**
 * An absolute link to a residents' page (`/m/…`, opened inside WeChat), for template messages:
 * PUBLIC_URL (the address residents reach) plus `path`, e.g. `residentPageUrl('/m/appointments/12')`.
 */
export function residentPageUrl(path: string): string {
  return `${process.env.PUBLIC_URL ?? 'http://localhost:3000'}${path}`
}
