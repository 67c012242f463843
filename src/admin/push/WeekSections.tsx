import React from 'react'
import { formatShanghai } from '../../shared/time'
import { pick } from '../../shared/bilingual'
import { PUSH_STATUS_LABELS } from '../../services/push/status'
import { CONTENT_TYPE_NAMES } from '../../services/content/types'
import { PhoneArticle } from './PhonePreview'
import type { ItemPreview } from './preview'
import { bundleCountLine, noPushLines, resultLine, type ItemRow, type PushSummary, type WeekReport } from '../../services/push/week-report'
import { sendTimeText, weekSendTime } from '../../services/push/send-time'

const RED = 'var(--theme-error-500)'
const MUTED = 'var(--theme-elevation-500)'

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <p style={{ margin: '4px 0' }}>
    <span style={{ color: MUTED, display: 'inline-block', minWidth: 88 }}>{label}</span>
    {children}
  </p>
)

export function StatusPanel({ report, push, lang, now }: { report: WeekReport; push: PushSummary; lang: string; now: Date }) {
  const shown = push.status === 'sent' || push.status === 'failed'
  return (
    <section className="this-week__status" data-push-status={push.status}>
      <Row label={pick({ zh: '状态', en: 'Status' }, lang)}>
        <strong>{pick(PUSH_STATUS_LABELS[push.status], lang)}</strong>
        {push.needsAttention ? <strong style={{ color: RED }}>{pick({ zh: '（需要人工处理）', en: ' (needs a person)' }, lang)}</strong> : null}
      </Row>
      {push.statusReason ? (
        <Row label={pick({ zh: '原因', en: 'Reason' }, lang)}>
          <span style={{ color: push.status === 'sent' ? undefined : RED }}>{push.statusReason}</span>
        </Row>
      ) : null}
      <Row label={pick({ zh: '审定', en: 'Sign-off' }, lang)}>
        {push.signedOffAt ? `${push.signedOffBy ?? '—'}，${formatShanghai(push.signedOffAt)}` : pick({ zh: '尚未审定', en: 'Not signed off' }, lang)}
      </Row>
      {shown ? (
        <Row label={pick({ zh: '发送', en: 'Sent' }, lang)}>
          <span className="this-week__sent-at">{sendTimeText(weekSendTime(push, report.slots, now), now, lang)}</span>
        </Row>
      ) : null}
      {push.status === 'sent' ? (
        <Row label={pick({ zh: '结果', en: 'Result' }, lang)}>
          <span className="this-week__result">
            {resultLine(push.result, lang) ??
              pick({ zh: '等待微信返回群发结果（送达人数、失败数）', en: 'Waiting for WeChat’s result (delivered, failed)' }, lang)}
          </span>
        </Row>
      ) : null}
      <Row label={pick({ zh: '内容', en: 'Items' }, lang)}>
        <span className="this-week__count">{bundleCountLine(push, report.settings, lang)}</span>
      </Row>
      {push.lastPreviewAt ? (
        <Row label={pick({ zh: '预览', en: 'Preview' }, lang)}>
          {pick({ zh: `最近一次 ${formatShanghai(push.lastPreviewAt)}`, en: `Last sent ${formatShanghai(push.lastPreviewAt)}` }, lang)}
        </Row>
      ) : null}
    </section>
  )
}

export function ScheduleLines({ report, lang }: { report: WeekReport; lang: string }) {
  const { slots, quota } = report
  const over = quota.used >= quota.limit
  return (
    <section className="this-week__schedule">
      <Row label={pick({ zh: '计划时间', en: 'Planned schedule' }, lang)}>
        {pick(
          {
            zh: `生成 ${formatShanghai(slots.assembleAt)} · 发送 ${formatShanghai(slots.sendAt)} · 补发 ${formatShanghai(slots.retryAt)}（北京时间）`,
            en: `Assemble ${formatShanghai(slots.assembleAt)} · send ${formatShanghai(slots.sendAt)} · retry ${formatShanghai(slots.retryAt)} (Beijing time)`,
          },
          lang,
        )}
        {slots.notes.length > 0 ? <div className="this-week__holiday">{slots.notes.join('；')}</div> : null}
      </Row>
      <Row label={pick({ zh: '本月群发', en: 'This month' }, lang)}>
        <span className="this-week__quota" style={{ color: over ? RED : undefined }}>
          {`${quota.used} / ${quota.limit}（${quota.month}）`}
          {over ? pick({ zh: '：本月群发次数已用完', en: ': this month’s mass sends are used up' }, lang) : ''}
        </span>
      </Row>
    </section>
  )
}

export function NoPushPanel({ report, now, lang }: { report: WeekReport; now: Date; lang: string }) {
  const lines =
    lang === 'en'
      ? [
          'This week has no push yet.',
          report.pool
            ? `The pool: ${report.pool.approved} approved items; the assembler would choose ${report.pool.selected}${report.pool.missing ? `, ${report.pool.missing} short of the minimum` : ''}.`
            : '',
        ].filter(Boolean)
      : noPushLines(report, now)
  return (
    <section className="this-week__empty">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </section>
  )
}

function ItemProblems({ item, lang }: { item: ItemRow | undefined; lang: string }) {
  if (item?.sent) return <p style={{ color: 'var(--theme-success-500)', margin: '4px 0' }}>{pick({ zh: '✓ 已推送', en: '✓ Sent' }, lang)}</p>
  if (!item || item.problems.length === 0)
    return <p style={{ color: 'var(--theme-success-500)', margin: '4px 0' }}>{pick({ zh: '✓ 可以推送', en: '✓ Ready' }, lang)}</p>
  return (
    <ul className="this-week__problems" style={{ color: RED, margin: '4px 0', paddingLeft: 18 }}>
      {item.problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  )
}

export function ItemList({ rows, previews, accountName, lang }: { rows: ItemRow[]; previews: ItemPreview[]; accountName: string; lang: string }) {
  return (
    <ol className="this-week__items" style={{ listStyle: 'none', padding: 0 }}>
      {previews.map((preview, index) => {
        const row = rows.find((entry) => entry.collection === preview.collection && entry.id === preview.id)
        return (
          <li key={preview.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 24, padding: '16px 0', borderTop: '1px solid var(--theme-elevation-100)' }}>
            <PhoneArticle item={preview} accountName={accountName} lang={lang} />
            <div style={{ flex: '1 1 240px', minWidth: 240 }}>
              <h3 style={{ margin: '0 0 4px' }}>
                {`${index + 1}. `}
                {index === 0 ? <span style={{ color: 'var(--theme-success-500)' }}>{pick({ zh: '【头条】', en: '[Headline] ' }, lang)}</span> : null}
                <a href={`/admin/collections/${preview.collection}/${preview.id}`}>{preview.title || '（无标题）'}</a>
              </h3>
              <p style={{ margin: '4px 0', color: MUTED }}>{pick(CONTENT_TYPE_NAMES[preview.collection], lang)}</p>
              {preview.thumbUrl ? (
                <img src={preview.thumbUrl} alt={pick({ zh: '封面', en: 'Cover' }, lang)} style={{ width: 160, display: 'block', margin: '8px 0' }} />
              ) : null}
              {preview.digest ? <p style={{ margin: '4px 0' }}>{`${pick({ zh: '摘要', en: 'Digest' }, lang)}：${preview.digest}`}</p> : null}
              <ItemProblems item={row} lang={lang} />
              {preview.error ? <p style={{ color: RED }}>{preview.error}</p> : null}
            </div>
          </li>
        )
      })}
    </ol>
  )
}
