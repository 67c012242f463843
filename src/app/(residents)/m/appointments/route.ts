import config from '@payload-config'
import { getPayload } from 'payload'
import { appointmentsResponse } from '../_lib/handlers'

// `/m/appointments` (我的预约): needs the resident's WeChat identity.
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  return appointmentsResponse(await getPayload({ config }), request)
}
