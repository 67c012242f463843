import config from '@payload-config'
import { getPayload } from 'payload'
import { ratingsSummaryResponse } from '../_lib/rating-handlers'

// `/m/ratings`: 好差评公示 of the current Beijing month (public, no personal data).
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  return ratingsSummaryResponse(await getPayload({ config }), request)
}
