/**
 * 导出: the appointments of a span of days as CSV for the office's statistics and records — always
 * with the masked copies of residents' data, whoever exports (a file leaves the system), and only the
 * appointments the user may read (their offices'; admins and leaders all).
 */
import type { Payload, PayloadRequest } from 'payload'
import { stringify } from 'csv-stringify/sync'
import { ApiError } from '../../http/api-error'
import { daysBetween, formatShanghai, isIsoDate } from '../../shared/time'
import { MATTER_STATE_LABELS, isMatterState } from './matter-status'

/** The longest span one export covers, in days. */
export const MAX_EXPORT_DAYS = 366

const COLUMNS = ['预约码', '事项', '承办科室', '预约日期', '时段', '姓名（脱敏）', '手机号（脱敏）', '预约方式', '办理状态', '预计办结日期', '状态更新时间']
const CHANNEL: Record<string, string> = { online: '微信预约', staff: '工作人员代约' }

/**
 * A cell as text that a spreadsheet shows as written: a value beginning with = + - @ or a control
 * character would be read as a formula (CSV injection, OWASP), so it gets a leading apostrophe.
 */
export function safeCell(value: unknown): string {
  const text = value == null ? '' : String(value)
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/**
 * The CSV (UTF-8 with a BOM, so Excel reads the Chinese) of the appointments with a slot from `from`
 * to `to` (Beijing dates, inclusive) that `user` may read, in slot order.
 * @throws ApiError 400 `invalid-range` for dates that are not `YYYY-MM-DD`, reversed, or more than
 * MAX_EXPORT_DAYS apart; 403 when the user may read no appointments.
 */
export async function exportAppointmentsCsv(payload: Payload, user: PayloadRequest['user'], range: { from: unknown; to: unknown }): Promise<string> {
  const { from, to } = range
  if (!isIsoDate(from) || !isIsoDate(to) || to < from || daysBetween(from, to) >= MAX_EXPORT_DAYS) {
    throw new ApiError(400, 'invalid-range', `请选择有效的日期范围（YYYY-MM-DD，开始不晚于结束，最多 ${MAX_EXPORT_DAYS} 天）`)
  }
  const rows: string[][] = []
  for (let page = 1; ; page++) {
    const found = await payload.find({
      collection: 'appointments',
      where: { and: [{ slotDate: { greater_than_equal: from } }, { slotDate: { less_than_equal: to } }] },
      sort: 'slotStartsAt',
      depth: 1,
      limit: 500,
      page,
      user,
      overrideAccess: false,
      // Only the masked copies are selected: the full values never reach this code.
      select: {
        bookingCode: true,
        guide: true,
        office: true,
        slotDate: true,
        slotStart: true,
        slotEnd: true,
        nameMasked: true,
        mobileMasked: true,
        channel: true,
        status: true,
        expectedCompletion: true,
        statusChangedAt: true,
      },
    })
    for (const doc of found.docs) {
      const guide = doc.guide && typeof doc.guide === 'object' ? doc.guide.title : ''
      const office = doc.office && typeof doc.office === 'object' ? doc.office.name : ''
      rows.push(
        [
          doc.bookingCode,
          guide,
          office,
          doc.slotDate,
          `${doc.slotStart}-${doc.slotEnd}`,
          doc.nameMasked,
          doc.mobileMasked,
          CHANNEL[doc.channel ?? ''] ?? doc.channel,
          isMatterState(doc.status) ? MATTER_STATE_LABELS[doc.status].zh : doc.status,
          doc.expectedCompletion,
          doc.statusChangedAt ? formatShanghai(doc.statusChangedAt) : '',
        ].map(safeCell),
      )
    }
    if (!found.hasNextPage) break
  }
  return `\uFEFF${stringify([COLUMNS, ...rows], { record_delimiter: 'windows' })}`
}
