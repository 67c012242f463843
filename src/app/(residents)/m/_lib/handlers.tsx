/**
 * The residents' pages as functions of (Payload, Request): the route files under /m only fetch
 * Payload and call these, so tests call them with a test Payload and plain Request objects.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'
import type { ServiceGuide } from '../../../../payload-types'
import { findDefaultAccount } from '../../../../services/accounts/accounts'
import { APPROVED_GUIDE } from '../../../../services/guides/access'
import { searchGuides } from '../../../../services/guides/search'
import { completeResidentAuthorization, OAUTH_STATE_COOKIE } from '../../../../services/residents/authorize'
import { cookieFromHeader } from '../../../../services/residents/session'
import type { WeChatClient } from '../../../../wechat/client'
import { shanghaiDate } from '../../../../shared/time'
import { GuideDetailPage, GuideListPage, NoticePage } from './guides'
import { htmlResponse } from './render'
import { NotFoundPage, SignInFailedPage, SnapshotPage, UnavailablePage } from './shell'
import { RESIDENT_CSS } from './style'

// From the project's node_modules, as the code editor's files are (src/app/vendor/monaco): inside the
// server bundle a require.resolve names a bundled module, not a file.
const WEUI_CSS = path.join(process.cwd(), 'node_modules', 'weui', 'dist', 'style', 'weui.min.css')

/** Document ids are UUIDs; anything else cannot be a guide (and never reaches the database). */
const GUIDE_ID = /^[0-9A-Za-z-]{1,64}$/

/** `GET /m/guides?q=`: approved guides, all or those matching the keyword (searchGuides). Anywhere, no sign-in. */
export async function guideListResponse(payload: Payload, request: Request): Promise<Response> {
  const keyword = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
  const guides = await searchGuides(payload, keyword, { limit: 200 })
  return htmlResponse(<GuideListPage guides={guides} keyword={keyword} />, { cache: 'public-info' })
}

/**
 * The guide `id` as the request may see it: residents (anyone without a staff login) approved
 * guides only; staff signed in to the admin (the same site's cookie) what the guides' access rules
 * give them, so the admin's preview shows a guide before approval. `preview`: not approved.
 */
async function readGuide(payload: Payload, request: Request, id: string): Promise<{ guide: ServiceGuide; preview: boolean } | null> {
  if (!GUIDE_ID.test(id)) return null
  let user: Awaited<ReturnType<Payload['auth']>>['user'] = null
  // Only when the admin's login cookie is there: residents never pay for the check. Payload accepts it
  // from a same-site navigation only (Sec-Fetch-Site / Origin against its csrf list).
  if ((request.headers.get('cookie') ?? '').includes(`${payload.config.cookiePrefix}-token=`)) {
    try {
      user = (await payload.auth({ headers: request.headers })).user
    } catch {
      user = null
    }
  }
  const found = await payload.find({
    collection: 'service-guides',
    where: user ? { id: { equals: id } } : { and: [{ id: { equals: id } }, APPROVED_GUIDE] },
    overrideAccess: false,
    user,
    depth: 1,
    limit: 1,
    pagination: false,
  })
  const guide = found.docs[0]
  return guide ? { guide, preview: guide.reviewStatus !== 'approved' } : null
}

const notFound = (what: string) => htmlResponse(<NotFoundPage what={what} />, { status: 404, cache: 'public-info' })

/** `GET /m/guides/<id>`: one approved guide; 404 (Chinese) when it does not exist or is not approved. */
export async function guideResponse(payload: Payload, request: Request, id: string): Promise<Response> {
  const read = await readGuide(payload, request, id)
  if (!read) return notFound('办事指南')
  return htmlResponse(<GuideDetailPage guide={read.guide} preview={read.preview} />, { cache: 'public-info' })
}

/** `GET /m/guides/<id>/notice`: the printable 一次性告知书 of an approved guide (A4), headed with the default account's name. */
export async function noticeResponse(payload: Payload, request: Request, id: string, options: { now?: number } = {}): Promise<Response> {
  const read = await readGuide(payload, request, id)
  if (!read) return notFound('办事指南')
  const account = await findDefaultAccount(payload)
  const organisation = account?.name ? String(account.name) : '街道办事处'
  return htmlResponse(
    <NoticePage guide={read.guide} organisation={organisation} printedOn={shanghaiDate(options.now ?? Date.now())} preview={read.preview} />,
    {
      cache: 'public-info',
    },
  )
}

/**
 * `GET /m/auth/callback?code&state&next`: WeChat's return. Signed in → 302 to `next` (a /m/ path
 * only) with the session cookie; a used or expired code, or a state that does not match → a
 * Chinese page with 重新进入 (400); WeChat unreachable or no account → 503. `client`: for tests.
 */
export async function authCallbackResponse(
  payload: Payload,
  request: Request,
  options: { client?: Pick<WeChatClient, 'appId' | 'oauth'> } = {},
): Promise<Response> {
  const query = new URL(request.url).searchParams
  const outcome = await completeResidentAuthorization(
    payload,
    {
      code: query.get('code'),
      state: query.get('state'),
      stateCookie: cookieFromHeader(request.headers.get('cookie'), OAUTH_STATE_COOKIE),
      next: query.get('next'),
    },
    { client: options.client },
  )
  const clear: [string, string] = ['Set-Cookie', outcome.clearState]
  switch (outcome.kind) {
    case 'signed-in': {
      const headers = new Headers({ Location: outcome.next, 'Cache-Control': 'no-store' })
      headers.append('Set-Cookie', outcome.sessionCookie)
      headers.append('Set-Cookie', outcome.clearState)
      return new Response(null, { status: 302, headers })
    }
    case 'code-rejected':
      return htmlResponse(<SignInFailedPage retryHref={outcome.next} reason="code" />, { status: 400, cache: 'personal', headers: [clear] })
    case 'snapshot':
      return htmlResponse(<SnapshotPage />, { cache: 'personal', headers: [clear] })
    case 'state-mismatch':
      return htmlResponse(<SignInFailedPage retryHref={outcome.next} reason="state" />, { status: 400, cache: 'personal', headers: [clear] })
    case 'unavailable':
      payload.logger.warn({ msg: 'resident sign-in failed', reason: outcome.reason })
      return htmlResponse(<UnavailablePage retryHref={outcome.next} />, { status: 503, cache: 'personal', headers: [clear] })
  }
}

/** Any other /m path: the Chinese 404. */
export function unknownPageResponse(): Response {
  return notFound('页面')
}

/** `GET /m/style.css`: WeUI (node_modules/weui, 2.6.26) followed by the residents' own CSS; cached a day (the URL carries a version). */
export async function styleResponse(): Promise<Response> {
  const weui = await fs.readFile(WEUI_CSS, 'utf8')
  return new Response(`${weui}\n${RESIDENT_CSS}`, {
    headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' },
  })
}
