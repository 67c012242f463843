import config from '@payload-config'
import { getPayload } from 'payload'
import { ratingsSummaryResponse } from '../../_lib/rating-handlers'

// `/m/ratings/<YYYY-MM>`: 好差评公示 of that Beijing month (public, no personal data).
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ month: string }> }): Promise<Response> {
  const { month } = await context.params
  return ratingsSummaryResponse(await getPayload({ config }), request, month)
}
