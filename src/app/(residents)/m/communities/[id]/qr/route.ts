import config from '@payload-config'
import { getPayload } from 'payload'
import { communityQrResponse } from '../../../_lib/community-handlers'

// `/m/communities/<id>/qr`: a community account's QR code image (the media library is staff-only).
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return communityQrResponse(await getPayload({ config }), request, id)
}
