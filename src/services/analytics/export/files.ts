/**
 * A table of tables.ts as a file: CSV (UTF-8 with a BOM, so Excel reads the Chinese; csv-stringify
 * quotes and ends lines as Excel expects) or XLSX (exceljs: numbers stay numbers, headers bold).
 */
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { safeCell } from '../../appointments/export'
import type { Table } from './tables'

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** The CSV text: BOM, the headers, then the rows; text cells guarded against formulas (safeCell). */
export function tableToCsv(table: Table): string {
  const rows = table.rows.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : safeCell(cell))))
  return `\uFEFF${stringify([table.columns, ...rows], { record_delimiter: 'windows' })}`
}

/** The XLSX workbook (one sheet named after the table) as bytes. */
export async function tableToXlsx(table: Table, meta: { subtitle?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '街道办微信服务号'
  workbook.created = new Date()
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const sheet = workbook.addWorksheet(table.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31))
  sheet.addRow(table.columns).font = { bold: true }
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? ''))
  sheet.columns.forEach((column, index) => {
    const widest = Math.max(...[table.columns[index] ?? '', ...table.rows.map((row) => String(row[index] ?? ''))].map((text) => [...text].length))
    column.width = Math.min(60, Math.max(8, widest * 2))
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  if (meta.subtitle) workbook.description = meta.subtitle
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
