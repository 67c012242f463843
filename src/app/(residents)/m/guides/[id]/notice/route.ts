import config from '@payload-config'
import { getPayload } from 'payload'
import { noticeResponse } from '../../../_lib/handlers'

// `/m/guides/<id>/notice`: the printable 一次性告知书.
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return noticeResponse(await getPayload({ config }), request, id)
}
