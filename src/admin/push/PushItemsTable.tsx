import React from 'react'
import type { PushItemFigures, PushReport } from '../../services/analytics/report/aggregate'
import { pick } from '../../shared/bilingual'

// No 'use client' and no hooks: the dashboard (a client component) and a push's 群发效果 (a server
// component) draw the same table. Only types come from src/services (the admin's CSP: see src/README.md).

const MUTED = 'var(--theme-elevation-500)'
const cell: React.CSSProperties = { border: '1px solid var(--theme-elevation-150)', padding: '4px 8px', textAlign: 'right', whiteSpace: 'nowrap' }
const textCell: React.CSSProperties = { ...cell, textAlign: 'left', whiteSpace: 'normal' }
const dash = (value: number | null) => (value === null ? '—' : String(value))

type Lang = string
interface Column {
  heading: { zh: string; en: string }
  /** The send's own columns (date, week, delivered): shown on the dashboard, where rows of many sends meet. */
  perSend?: true
  text?: true
  /** The readers cell, which gets `readsClassName` (tests find a row's readers by it). */
  reads?: true
  value: (push: PushReport, item: PushItemFigures, lang: Lang) => React.ReactNode
}

/** The one column definition of a mass send's items, in order. */
const COLUMNS: Column[] = [
  { heading: { zh: '群发日期', en: 'Sent' }, perSend: true, text: true, value: (push) => push.sentDate },
  { heading: { zh: '周次', en: 'Week' }, perSend: true, text: true, value: (push) => push.week ?? '—' },
  { heading: { zh: '位置', en: 'No.' }, value: (_, item) => item.index },
  {
    heading: { zh: '标题', en: 'Title' },
    text: true,
    value: (_, item, lang) => (
      <>
        {item.title}
        {item.isDelay ? <span style={{ color: MUTED }}>{pick({ zh: '（数据未最终确定）', en: ' (not final)' }, lang)}</span> : null}
      </>
    ),
  },
  { heading: { zh: '送达', en: 'Delivered' }, perSend: true, value: (push) => push.targetUser },
  { heading: { zh: '1天阅读', en: 'Day 1' }, value: (_, item) => dash(item.readUserDay1) },
  { heading: { zh: '3天阅读', en: 'Day 3' }, value: (_, item) => dash(item.readUserDay3) },
  { heading: { zh: '7天阅读', en: 'Day 7' }, value: (_, item) => dash(item.readUserDay7) },
  { heading: { zh: '阅读人数', en: 'Readers' }, reads: true, value: (_, item) => item.readUser },
  { heading: { zh: '分享人数', en: 'Sharers' }, value: (_, item) => item.shareUser },
  {
    heading: { zh: '阅读来源', en: 'Sources' },
    text: true,
    value: (_, item) => item.sources.map((source) => `${source.label} ${source.user}`).join('，') || '—',
  },
]

/**
 * The items of mass sends (群发) with their figures, one row per item: 1-, 3- and 7-day readers,
 * readers, sharers and sources. `perSend` adds each row's send date, ISO week and delivered count (the
 * dashboard lists many sends; a push's own 群发效果 names its send above the table). `className` names
 * the table, `readsClassName` each row's readers cell.
 */
export function PushItemsTable(props: { pushes: PushReport[]; lang: Lang; perSend: boolean; className?: string; readsClassName: string }) {
  const { pushes, lang, perSend, className, readsClassName } = props
  const columns = COLUMNS.filter((column) => perSend || !column.perSend)
  return (
    <table className={className} style={{ borderCollapse: 'collapse', width: perSend ? '100%' : undefined, fontSize: 13 }}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.heading.zh} style={textCell}>
              {pick(column.heading, lang)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {pushes.flatMap((push) =>
          push.items.map((item) => (
            <tr key={`${push.msgDataId}:${item.msgid}`} data-msgid={item.msgid}>
              {columns.map((column) => (
                <td key={column.heading.zh} className={column.reads ? readsClassName : undefined} style={column.text ? textCell : cell}>
                  {column.value(push, item, lang)}
                </td>
              ))}
            </tr>
          )),
        )}
      </tbody>
    </table>
  )
}
