import config from '@payload-config'
import { getPayload } from 'payload'
import { suggestPageResponse, suggestSubmitResponse } from '../../../_lib/topic-handlers'

// `/m/topics/<id>/suggest` (我要提建议): GET the form, POST it (multipart, with photos). Needs the resident.
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return suggestPageResponse(await getPayload({ config }), request, id)
}

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return suggestSubmitResponse(await getPayload({ config }), request, id)
}
