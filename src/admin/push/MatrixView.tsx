import { Banner, Pill } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { staffOf } from '../../access/roles'
import { menuIdsByAccount } from '../../services/menu/load'
import { loadMatrixOverview } from '../../services/push/matrix-overview'
import { sendTimeText } from '../../services/push/send-time'
import { PUSH_STATUS_LABELS } from '../../services/push/status'
import { pick } from '../../shared/bilingual'
import { formatShanghai, monthDayLabel, shanghaiDate } from '../../shared/time'
import { DataTable } from '../table'
import { PushPage } from './PushPage'

const MUTED = 'var(--theme-elevation-500)'

/**
 * 账号矩阵 (`/admin/matrix`, admins and leaders): per account this week's push state, items and
 * sign-off, the planned send (holidays applied), the month's mass sends, the last send's result and the
 * followers — WeChat's latest cumulative count with its date, as 统计分析 shows it, and smaller the
 * followers on record; each account links to its 本周推送, 推送日历 and its own 自定义菜单 (its
 * `wechat-menus` row; the filtered list when it has none yet).
 */
export async function MatrixView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const staff = staffOf(req.user)
  const title = <h1 style={{ marginTop: 24 }}>{t('账号矩阵', 'Account matrix')}</h1>
  if (!staff || (staff.role !== 'admin' && staff.role !== 'leader')) {
    return (
      <PushPage view={props}>
        {title}
        <Banner type="error">{t('只有管理员和审核领导可以查看账号矩阵', 'Only admins and leaders see the account matrix')}</Banner>
      </PushPage>
    )
  }
  const now = new Date()
  const rows = await loadMatrixOverview(req.payload, req, now)
  const menus = await menuIdsByAccount(
    req.payload,
    rows.map((row) => row.accountId),
  )
  const menuHref = (accountId: string) => {
    const id = menus.get(accountId)
    return id
      ? `/admin/collections/wechat-menus/${encodeURIComponent(id)}`
      : `/admin/collections/wechat-menus?where[account][equals]=${encodeURIComponent(accountId)}`
  }
  const link = (row: (typeof rows)[number], path: string, text: string) => <a href={`/admin/${path}?account=${encodeURIComponent(row.accountId)}`}>{text}</a>
  return (
    <PushPage view={props}>
      {title}
      <p style={{ color: MUTED }}>
        {t(
          `${rows[0]?.week ?? ''} · 街道办公众号与各社区公众号，每个号每周一次群发、每月 4 次额度，各自审定、互不影响（北京时间）`,
          `${rows[0]?.week ?? ''} · the street office's account and the communities' accounts: one mass send a week each, 4 a month, each signed off on its own (Beijing time)`,
        )}
      </p>
      {rows.length === 0 ? (
        <Banner type="info">{t('还没有公众号：请在 微信 → 公众号 中添加', 'No account yet: add one under WeChat → Accounts')}</Banner>
      ) : null}
      <DataTable
        className="account-matrix"
        rowIds={rows.map((row) => row.accountId)}
        columns={[
          {
            key: 'account',
            heading: t('公众号', 'Account'),
            cells: rows.map((row) => (
              <>
                <strong>{row.name}</strong>
                <div style={{ color: MUTED }}>
                  {row.community ?? t('街道办', 'Street office')} · {row.appId}
                  {row.pushEnabled ? '' : t(' · 未参与每周推送', ' · not in the weekly push')}
                </div>
                <a className="account-matrix__menu" href={menuHref(row.accountId)}>
                  {t('自定义菜单', 'Custom menu')}
                </a>
              </>
            )),
          },
          {
            key: 'week',
            heading: t('本周推送', 'This week'),
            cells: rows.map((row) =>
              row.push ? (
                <>
                  {link(row, 'this-week', pick(PUSH_STATUS_LABELS[row.push.status], lang))}
                  <div style={{ color: MUTED }}>{t(`${row.push.items} 条`, `${row.push.items} items`)}</div>
                </>
              ) : (
                link(row, 'this-week', t('尚未生成', 'Not assembled yet'))
              ),
            ),
          },
          {
            key: 'signOff',
            heading: t('审定', 'Sign-off'),
            cells: rows.map((row) =>
              row.push?.signedOffAt ? (
                `${row.push.signedOffBy ?? '—'} · ${formatShanghai(row.push.signedOffAt)}`
              ) : (
                <span key={row.accountId} style={{ color: MUTED }}>
                  {t('尚未审定', 'Not signed off')}
                </span>
              ),
            ),
          },
          {
            key: 'sendAt',
            heading: t('发送时间', 'Send'),
            cells: rows.map((row) => (
              <>
                {link(row, 'push-calendar', sendTimeText(row.sendTime, now, lang))}
                {row.sendTime.kind === 'planned' && row.notes.length > 0 ? <div style={{ color: MUTED }}>{row.notes.join('；')}</div> : null}
              </>
            )),
          },
          {
            key: 'quota',
            heading: t('本月群发', 'This month'),
            cells: rows.map((row) => (
              <Pill key={row.accountId} pillStyle={row.quota.used >= row.quota.limit ? 'warning' : 'light'} size="small">
                {`${row.quota.used} / ${row.quota.limit}（${row.quota.month}）`}
              </Pill>
            )),
          },
          {
            key: 'last',
            heading: t('上次群发', 'Last send'),
            cells: rows.map((row) =>
              row.lastSend ? (
                <>
                  {`${row.lastSend.week} · ${pick(PUSH_STATUS_LABELS[row.lastSend.status], lang)}`}
                  <div style={{ color: MUTED }}>
                    {[
                      row.lastSend.sentAt ? formatShanghai(row.lastSend.sentAt) : null,
                      row.lastSend.result,
                      row.lastSend.sentCount !== null ? t(`成功 ${row.lastSend.sentCount}`, `sent ${row.lastSend.sentCount}`) : null,
                      row.lastSend.errorCount ? t(`失败 ${row.lastSend.errorCount}`, `failed ${row.lastSend.errorCount}`) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                </>
              ) : (
                <span key={row.accountId} style={{ color: MUTED }}>
                  —
                </span>
              ),
            ),
          },
          {
            key: 'followers',
            heading: t('粉丝', 'Followers'),
            cells: rows.map((row) => (
              <>
                {row.wechatFollowers ? (
                  t(
                    `${row.wechatFollowers.count.toLocaleString('zh-CN')}（微信统计，截至 ${monthDayLabel(row.wechatFollowers.date, shanghaiDate(now).slice(0, 4))}）`,
                    `${row.wechatFollowers.count.toLocaleString('en')} (WeChat statistics, as of ${row.wechatFollowers.date})`,
                  )
                ) : (
                  <span style={{ color: MUTED }}>{t('暂无微信统计', 'No WeChat statistics yet')}</span>
                )}
                <div style={{ color: MUTED, fontSize: '0.85em' }}>{t(`本系统记录 ${row.followers} 人`, `${row.followers} on record`)}</div>
              </>
            )),
          },
        ]}
      />
    </PushPage>
  )
}
