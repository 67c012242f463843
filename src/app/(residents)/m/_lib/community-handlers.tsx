/** `/m/communities` and its QR images: public, any browser, no JavaScript. */
import type { Payload } from 'payload'
import { communityAccounts, communityQrFile } from '../../../../services/accounts/community-accounts'
import { CommunitiesPage } from './communities'
import { htmlResponse } from './render'
import { MessagePage } from './shell'

const ID = /^[0-9A-Za-z-]{1,64}$/

/** `GET /m/communities`: every account with a community (社区服务号). */
export async function communitiesResponse(payload: Payload, _request: Request): Promise<Response> {
  return htmlResponse(<CommunitiesPage accounts={await communityAccounts(payload)} />, { cache: 'public-info' })
}

/**
 * The 404 of the QR route, in the words of the page it is opened from (not the guides' not-found):
 * a community account without a QR image (none uploaded, or its file lost) says so; anything else
 * (another id, the street office's account) is not a community account. Both link back to the list.
 */
function QrMissingPage({ known }: { known: boolean }) {
  const title = known ? '该社区服务号尚未上传二维码' : '没有这个社区服务号'
  return (
    <MessagePage title={title} links={[{ href: '/m/communities', label: '返回社区服务号', primary: true }]}>
      <p>{known ? '可以在微信中搜索该服务号的名称关注。' : '链接可能有误，或该服务号已不再列出。'}</p>
    </MessagePage>
  )
}

/** `GET /m/communities/<id>/qr`: a community account's QR image; a Chinese 404 page (QrMissingPage) for anything else. */
export async function communityQrResponse(payload: Payload, _request: Request, id: string): Promise<Response> {
  const file = ID.test(id) ? await communityQrFile(payload, id) : null
  if (!file) {
    const known = ID.test(id) && (await communityAccounts(payload)).some((card) => card.id === id)
    return htmlResponse(<QrMissingPage known={known} />, { status: 404, cache: 'public-info' })
  }
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
