/**
 * The community accounts as residents see them: the street office's account is the one-stop entry
 * that links them (政务微信矩阵). `/m/communities` lists every account with a community — its name,
 * community, introduction, follow link and QR code (`wechat-accounts.intro`, `followUrl`, `qrCode`).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'

/** One community account on the residents' page. Only public facts: never an AppID or a secret. */
export interface CommunityAccountCard {
  id: string
  name: string
  community: string
  intro: string | null
  /** The account's 关注 page (https), when set. */
  followUrl: string | null
  /** The QR image's path on the residents' pages (`/m/communities/<id>/qr`), when one is set. */
  qrPath: string | null
}

/**
 * `followUrl`'s rule: empty, or an absolute https URL (the page opens inside WeChat, which shows
 * plain-http pages with a warning; a `javascript:` or relative link must never reach the page).
 * Answers true or the Chinese problem (Payload's validate contract).
 */
export function validateFollowUrl(value: unknown): true | string {
  if (value == null || value === '') return true
  if (typeof value !== 'string') return '关注链接：应为网址'
  try {
    const url = new URL(value.trim())
    if (url.protocol !== 'https:' || !url.hostname) return '关注链接：应以 https:// 开头'
    return true
  } catch {
    return '关注链接：不是有效的网址（应以 https:// 开头）'
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)

/**
 * Every account that belongs to a community, ordered by community name then account name, as the
 * residents' page shows them. Reads with overrideAccess (wechat-accounts is staff-only) and keeps
 * only the public fields.
 */
export async function communityAccounts(payload: Payload): Promise<CommunityAccountCard[]> {
  const found = await payload.find({
    collection: 'wechat-accounts',
    overrideAccess: true,
    depth: 1,
    limit: 200,
    pagination: false,
    where: { community: { exists: true } },
  })
  const cards = found.docs.flatMap((account): CommunityAccountCard[] => {
    const community = account.community && typeof account.community === 'object' ? text(account.community.name) : null
    if (!community) return []
    const followUrl = text(account.followUrl)
    return [
      {
        id: String(account.id),
        name: String(account.name ?? ''),
        community,
        intro: text(account.intro),
        followUrl: followUrl && validateFollowUrl(followUrl) === true ? followUrl : null,
        qrPath: account.qrCode ? `/m/communities/${String(account.id)}/qr` : null,
      },
    ]
  })
  return cards.sort((a, b) => a.community.localeCompare(b.community, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'))
}

/**
 * The QR image of a community account (`qrCode`, a `media` upload) as bytes and type; null when the
 * account has no community or no QR code, or the file is missing. Only these images are served to
 * residents: the media library is staff-only otherwise.
 */
export async function communityQrFile(payload: Payload, accountId: string): Promise<{ data: Buffer; mimeType: string } | null> {
  const account = await payload
    .findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, depth: 1, disableErrors: true })
    .catch(() => null)
  if (!account?.community || !account.qrCode || typeof account.qrCode !== 'object') return null
  const filename = account.qrCode.filename
  const upload = payload.collections.media?.config.upload
  const dir = upload && typeof upload === 'object' && upload.staticDir ? path.resolve(upload.staticDir) : null
  // A stored name never has a separator; refuse one that would leave the folder.
  if (!dir || !filename || filename.includes('/') || filename.includes('\\') || filename.startsWith('.')) return null
  try {
    return { data: await readFile(path.join(dir, filename)), mimeType: account.qrCode.mimeType ?? 'image/png' }
  } catch {
    return null
  }
}
