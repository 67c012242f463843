import config from '@payload-config'
import { getPayload } from 'payload'
import { ratePageResponse, rateSubmitResponse } from '../../../_lib/rating-handlers'

// `/m/rate/<kind>/<id>`: 评价本次服务 — the form (GET) and the rating (POST) of the resident's closed matter.
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ kind: string; id: string }> }): Promise<Response> {
  const { kind, id } = await context.params
  return ratePageResponse(await getPayload({ config }), request, kind, id)
}

export async function POST(request: Request, context: { params: Promise<{ kind: string; id: string }> }): Promise<Response> {
  const { kind, id } = await context.params
  return rateSubmitResponse(await getPayload({ config }), request, kind, id)
}
