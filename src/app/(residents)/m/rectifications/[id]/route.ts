import config from '@payload-config'
import { getPayload } from 'payload'
import { rectificationActionResponse } from '../../_lib/rating-handlers'

// `POST /m/rectifications/<id>`: the resident accepts or disputes the fix, or appeals once to the leader.
export const dynamic = 'force-dynamic'

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return rectificationActionResponse(await getPayload({ config }), request, id)
}
