import type { Payload } from 'payload'
import React from 'react'
import type { PushReport } from '../../services/analytics/report/aggregate'
import { loadPushFigures } from '../../services/analytics/report/load'
import { pick } from '../../shared/bilingual'

const MUTED = 'var(--theme-elevation-500)'
const cell: React.CSSProperties = { border: '1px solid var(--theme-elevation-150)', padding: '2px 6px', textAlign: 'right', whiteSpace: 'nowrap' }
const textCell: React.CSSProperties = { ...cell, textAlign: 'left', whiteSpace: 'normal' }
const dash = (value: number | null) => (value === null ? '—' : String(value))

/** One sent push's items: 1-, 3- and 7-day readers, readers, sources, sharers, and the delivered count. */
export function PushFiguresTable({ report, lang }: { report: PushReport; lang: string }) {
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  return (
    <div className="push-figures" data-msg-data-id={report.msgDataId} style={{ overflowX: 'auto', margin: '8px 0' }}>
      <p style={{ margin: '4px 0', color: MUTED }}>
        {t(`${report.sentDate} 群发，送达 ${report.targetUser} 人`, `Sent ${report.sentDate}, delivered to ${report.targetUser}`)}
      </p>
      <table style={{ borderCollapse: 'collapse', fontSize: 13 }}>
        <thead>
          <tr>
            {[
              t('位置', 'No.'),
              t('标题', 'Title'),
              t('1天阅读', 'Day 1'),
              t('3天阅读', 'Day 3'),
              t('7天阅读', 'Day 7'),
              t('阅读人数', 'Readers'),
              t('分享人数', 'Sharers'),
              t('阅读来源', 'Sources'),
            ].map((heading) => (
              <th key={heading} style={textCell}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.items.map((item) => (
            <tr key={item.msgid} data-msgid={item.msgid}>
              <td style={cell}>{item.index}</td>
              <td style={textCell}>{item.title}</td>
              <td style={cell}>{dash(item.readUserDay1)}</td>
              <td style={cell}>{dash(item.readUserDay3)}</td>
              <td style={cell}>{dash(item.readUserDay7)}</td>
              <td className="push-figures__reads" style={cell}>
                {item.readUser}
              </td>
              <td style={cell}>{item.shareUser}</td>
              <td style={textCell}>{item.sources.map((source) => `${source.label} ${source.user}`).join('，') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** 群发效果 of a weekly push, as the analytics sync has it (nothing before its first run after the send). */
export async function PushFigures({ payload, pushId, lang }: { payload: Payload; pushId: string; lang: string }) {
  // An aside of the page: a failure to read the figures is logged, never breaks 本周推送 or the push's form.
  const reports = await loadPushFigures(payload, pushId).catch((error: unknown) => {
    payload.logger.error({ err: error, msg: '群发效果读取失败' })
    return []
  })
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  return (
    <section className="push-figures-section" style={{ margin: '16px 0' }}>
      <h2>{t('群发效果', 'Results')}</h2>
      {reports.length === 0 ? (
        <p style={{ color: MUTED }}>
          {t('尚无统计数据：微信的数据次日才有，同步后显示在这里。', 'No figures yet: WeChat has them the next day; they show here once synced.')}
        </p>
      ) : (
        reports.map((report) => <PushFiguresTable key={report.msgDataId} report={report} lang={lang} />)
      )}
    </section>
  )
}

interface FieldServerProps {
  payload?: Payload
  id?: string | number
  data?: { id?: string | number; status?: string } | null
  i18n?: { language?: string }
}

/** The weekly push's form: 群发效果 once it was sent (a `ui` field of weekly-pushes). */
export async function PushFiguresField(props: FieldServerProps) {
  const id = props.id ?? props.data?.id
  if (!props.payload || !id || props.data?.status !== 'sent') return null
  return <PushFigures payload={props.payload} pushId={String(id)} lang={props.i18n?.language ?? 'zh'} />
}
