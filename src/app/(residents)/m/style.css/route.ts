import { styleResponse } from '../_lib/handlers'

// `/m/style.css`: WeUI and the residents' CSS (the pages load no script).
export const dynamic = 'force-dynamic'

export const GET = styleResponse
