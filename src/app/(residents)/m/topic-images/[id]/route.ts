import config from '@payload-config'
import { getPayload } from 'payload'
import { topicImageResponse } from '../../_lib/topic-handlers'

// `/m/topic-images/<id>?size=`: a public topic's cover or outcome photo (the media library is staff-only).
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return topicImageResponse(await getPayload({ config }), request, id)
}
