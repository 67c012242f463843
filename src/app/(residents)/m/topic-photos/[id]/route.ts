import config from '@payload-config'
import { getPayload } from 'payload'
import { topicPhotoResponse } from '../../_lib/topic-handlers'

// `/m/topic-photos/<id>`: a suggestion photo — public once its suggestion is, else to its author only.
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return topicPhotoResponse(await getPayload({ config }), request, id)
}
