'use client'
import { Banner, Button, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'
import type { AccountBindingLine } from '../../services/binding/endpoint'
import { formatShanghai } from '../../shared/time'
import { pick } from '../../shared/bilingual'
import { errorsText } from '../api-errors'

interface Issued {
  code?: string
  expiresAt?: string
}

/**
 * 绑定微信: shows a one-time code the signed-in staff member sends to the service account as
 * `绑定 12345678`, and one line per account (已绑定 / 未绑定, 解除绑定): WeChat gives a person a
 * different openid in each account, so each account is bound on its own with the same code.
 * Meant as a ui field on users (shown on one's own profile). The chat command stays `绑定` in
 * English mode too: it is what the account understands.
 */
export const BindingCode: React.FC = () => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const [issued, setIssued] = useState<Issued | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const [lines, setLines] = useState<AccountBindingLine[] | null>(null)

  /** The lines per account (已绑定 / 未绑定); null while unknown. The list is a convenience: the code works without it. */
  const fetchLines = async (): Promise<AccountBindingLine[] | null> => {
    try {
      const response = await fetch('/api/binding-codes/mine', { credentials: 'include' })
      return response.ok ? ((await response.json()) as { accounts: AccountBindingLine[] }).accounts : null
    } catch {
      return null
    }
  }
  const load = async () => setLines(await fetchLines())
  useEffect(() => {
    // An answer arriving after the field left the page is dropped.
    let live = true
    void fetchLines().then((next) => {
      if (live) setLines(next)
    })
    return () => {
      live = false
    }
  }, [])

  const unbind = async (account: string) => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch('/api/binding-codes/unbind', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ account }),
      })
      if (!response.ok) setError(errorsText(await response.json().catch(() => ({}))) ?? `HTTP ${response.status}`)
      await load()
    } catch {
      setError(pick({ zh: '无法连接服务器，请稍后再试。', en: 'The server cannot be reached; try again later.' }, lang))
    } finally {
      setBusy(false)
    }
  }

  const issue = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch('/api/binding-codes/issue', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      })
      const body = (await response.json().catch(() => ({}))) as Issued
      if (response.status === 401) setError(pick({ zh: '请先登录后台', en: 'Please sign in first.' }, lang))
      else if (!response.ok || !body.code) setError(errorsText(body) ?? `HTTP ${response.status}`)
      else setIssued(body)
    } catch {
      setError(pick({ zh: '无法连接服务器，请稍后再试。', en: 'The server cannot be reached; try again later.' }, lang))
    } finally {
      setBusy(false)
    }
  }

  // Beijing time, like every date of the admin; only the time matters for a 10-minute code.
  const until = issued?.expiresAt ? formatShanghai(issued.expiresAt).slice(11) : ''
  return (
    <div className="binding-code" style={{ marginBottom: 'var(--base)' }}>
      <h4 style={{ margin: '0 0 8px' }}>{pick({ zh: '绑定微信', en: 'Bind WeChat' }, lang)}</h4>
      <p style={{ margin: '0 0 8px' }}>
        {pick(
          {
            zh: '绑定后可在微信中收到推送预览；审核领导回复“审定”即可审定本周推送。每个公众号需分别绑定：用同一个绑定码向要绑定的公众号发送（每次发送前重新获取）。',
            en: 'Once bound you receive push previews in WeChat; a reviewing leader can sign off the week by replying “审定”. Each account is bound on its own: send a fresh code to each account.',
          },
          lang,
        )}
      </p>
      <Button buttonStyle="secondary" disabled={busy} onClick={() => void issue()} className="binding-code__issue">
        {busy
          ? pick({ zh: '生成中…', en: 'Generating…' }, lang)
          : issued
            ? pick({ zh: '重新获取绑定码', en: 'Get a new code' }, lang)
            : pick({ zh: '获取绑定码', en: 'Get a binding code' }, lang)}
      </Button>
      {issued?.code && (
        <div className="binding-code__issued">
          <p className="binding-code__code">
            {pick({ zh: `请在 ${until}（北京时间）前向公众号发送：`, en: `Before ${until} (Beijing time), send this to the account: ` }, lang)}
            <strong style={{ fontSize: '1.4em', letterSpacing: '0.15em' }}>绑定 {issued.code}</strong>
            {pick({ zh: '（仅可使用一次）', en: ' (works once)' }, lang)}
          </p>
          <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void load()} className="binding-code__refresh">
            {pick({ zh: '已发送，刷新绑定状态', en: 'Sent: refresh' }, lang)}
          </Button>
        </div>
      )}
      {lines && lines.length > 0 && (
        <ul className="binding-code__accounts" style={{ margin: '8px 0', paddingLeft: 0, listStyle: 'none' }}>
          {lines.map((line) => (
            <li key={line.id} style={{ margin: '4px 0' }}>
              {line.name}
              {line.community ? `（${line.community}）` : ''}：
              <strong>{line.bound ? pick({ zh: '已绑定', en: 'bound' }, lang) : pick({ zh: '未绑定', en: 'not bound' }, lang)}</strong>
              {line.bound && (
                <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void unbind(line.id)} className="binding-code__unbind">
                  {pick({ zh: '解除绑定', en: 'Unbind' }, lang)}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && <Banner type="error">{error}</Banner>}
    </div>
  )
}
