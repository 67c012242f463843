import { unknownPageResponse } from '../_lib/handlers'

// Any other /m path: a Chinese 404 rather than the admin's.
export const dynamic = 'force-dynamic'

export const GET = unknownPageResponse
