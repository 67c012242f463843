/** How the inbox names a resident without showing who they are. */

/**
 * The openid shortened for lists, e.g. `oAbc…x9Z` (first 4 and last 3 characters): enough for
 * staff to tell residents apart, not enough to address one. The whole openid stays on the document
 * for the staff who answer (see src/services/inbox/access.ts). WeChat no longer gives
 * nicknames (user/info stopped returning them in December 2021), and `followers` keeps none, so
 * this is the resident's name in the inbox.
 */
export function maskOpenid(openid: string): string {
  const value = openid.trim()
  if (value.length <= 8) return value ? `${value.slice(0, 1)}…` : '—'
  return `${value.slice(0, 4)}…${value.slice(-3)}`
}
