import config from '@payload-config'
import { getPayload } from 'payload'
import { topicsResponse } from '../_lib/topic-handlers'

// `/m/topics` (微问政): 征集中, 已截止, 结果已公开 — public, any browser.
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  return topicsResponse(await getPayload({ config }), request)
}
