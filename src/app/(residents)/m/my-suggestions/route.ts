import config from '@payload-config'
import { getPayload } from 'payload'
import { mySuggestionsResponse } from '../_lib/topic-handlers'

// `/m/my-suggestions` (我的建议): the resident's own suggestions in every state. Needs the resident.
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  return mySuggestionsResponse(await getPayload({ config }), request)
}
