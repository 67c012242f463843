/** `/m/communities` and its QR images: public, any browser, no JavaScript. */
import type { Payload } from 'payload'
import { communityAccounts, communityQrFile } from '../../../../services/accounts/community-accounts'
import { CommunitiesPage } from './communities'
import { htmlResponse } from './render'
import { NotFoundPage } from './shell'

const ID = /^[0-9A-Za-z-]{1,64}$/

/** `GET /m/communities`: every account with a community (社区服务号). */
export async function communitiesResponse(payload: Payload, _request: Request): Promise<Response> {
  return htmlResponse(<CommunitiesPage accounts={await communityAccounts(payload)} />, { cache: 'public-info' })
}

/** `GET /m/communities/<id>/qr`: a community account's QR image; the Chinese 404 for anything else. */
export async function communityQrResponse(payload: Payload, _request: Request, id: string): Promise<Response> {
  const file = ID.test(id) ? await communityQrFile(payload, id) : null
  if (!file) return htmlResponse(<NotFoundPage what="图片" />, { status: 404, cache: 'public-info' })
  return new Response(new Uint8Array(file.data), {
    status: 200,
    headers: {
      'Content-Type': file.mimeType,
      'Content-Length': String(file.data.length),
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
