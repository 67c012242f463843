import config from '@payload-config'
import { getPayload } from 'payload'
import { topicResponse } from '../../_lib/topic-handlers'

// `/m/topics/<id>`: the topic, its public suggestions and its outcome — public, any browser.
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return topicResponse(await getPayload({ config }), request, id)
}
