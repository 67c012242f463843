import config from '@payload-config'
import { getPayload } from 'payload'
import { appointmentResponse } from '../../_lib/appointment-handlers'

// `/m/appointments/<id>`: the resident's own appointment, its booking code and progress.
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return appointmentResponse(await getPayload({ config }), request, id)
}
