/**
 * The data endpoints of 统计分析 (root endpoints of the Payload config, JSON unless a file):
 *
 * - GET /api/analytics/overview?account=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD — everything the dashboard
 *   draws (`AnalyticsOverview`, overview.ts); without dates the current month and the two before it,
 *   without an account the default one.
 * - GET /api/analytics/export/<table>.csv|.xlsx?account&from&to — one table (tables.ts: daily,
 *   articles, pushes, menu, services, content-types) as CSV (UTF-8 with BOM) or XLSX, Chinese headers,
 *   no personal data.
 *
 * Staff only (401 for nobody); bad dates are a Chinese 400 `invalid-range`, an unknown table or format
 * 404 `not-found`, an unknown account 404.
 */
import type { Endpoint } from 'payload'
import { shanghaiDate } from '../../../shared/time'
import { ApiError } from '../../../http/api-error'
import { exportTable, isExportTable, EXPORT_TABLE_TITLES } from './tables'
import { CONTENT_TYPES, tableToCsv, tableToXlsx } from './files'
import { loadOverview, requireAnalyticsStaff } from '../report/load'
import { parseRange } from '../report/overview'

const overviewEndpoint: Endpoint = {
  path: '/analytics/overview',
  method: 'get',
  handler: async (req) => {
    requireAnalyticsStaff(req)
    const range = parseRange(req.searchParams.get('from'), req.searchParams.get('to'), shanghaiDate(Date.now()))
    const overview = await loadOverview(req.payload, req.searchParams.get('account'), range)
    return Response.json(overview, { headers: { 'Cache-Control': 'private, no-store' } })
  },
}

const exportEndpoint: Endpoint = {
  path: '/analytics/export/:file',
  method: 'get',
  handler: async (req) => {
    requireAnalyticsStaff(req)
    const file = String(req.routeParams?.file ?? '')
    const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(file)
    const name = match?.[1]
    const format = match?.[2] as 'csv' | 'xlsx' | undefined
    if (!match || !isExportTable(name) || !format) {
      throw new ApiError(404, 'not-found', {
        zh: '没有这个导出表（daily、articles、pushes、menu、services、content-types，.csv 或 .xlsx）',
        en: 'No such export',
      })
    }
    const range = parseRange(req.searchParams.get('from'), req.searchParams.get('to'), shanghaiDate(Date.now()))
    const overview = await loadOverview(req.payload, req.searchParams.get('account'), range)
    const table = exportTable(name, overview)
    const body: BodyInit =
      format === 'csv' ? tableToCsv(table) : new Uint8Array(await tableToXlsx(table, { subtitle: `${overview.account.name} ${range.from}—${range.to}` }))
    const download = `${EXPORT_TABLE_TITLES[name]}-${range.from}_${range.to}.${format}`
    return new Response(body, {
      headers: {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="analytics-${name}-${range.from}_${range.to}.${format}"; filename*=UTF-8''${encodeURIComponent(download)}`,
        'Cache-Control': 'private, no-store',
      },
    })
  },
}

export const analyticsEndpoints: Endpoint[] = [overviewEndpoint, exportEndpoint]
