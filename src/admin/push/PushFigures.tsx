import type { Payload } from 'payload'
import React from 'react'
import type { PushReport } from '../../services/analytics/report/aggregate'
import { loadPushFigures } from '../../services/analytics/report/load'
import { pick } from '../../shared/bilingual'
import { PushItemsTable } from './PushItemsTable'

const MUTED = 'var(--theme-elevation-500)'

/** One sent push's items: 1-, 3- and 7-day readers, readers, sources, sharers, and the delivered count. */
export function PushFiguresTable({ report, lang }: { report: PushReport; lang: string }) {
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  return (
    <div className="push-figures" data-msg-data-id={report.msgDataId} style={{ overflowX: 'auto', margin: '8px 0' }}>
      <p style={{ margin: '4px 0', color: MUTED }}>
        {t(`${report.sentDate} 群发，送达 ${report.targetUser} 人`, `Sent ${report.sentDate}, delivered to ${report.targetUser}`)}
      </p>
      <PushItemsTable pushes={[report]} lang={lang} perSend={false} readsClassName="push-figures__reads" />
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
