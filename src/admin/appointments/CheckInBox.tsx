'use client'
import { Banner, Button, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useRef, useState } from 'react'
import { pick } from '../../shared/bilingual'
import { errorsText } from '../api-errors'

/**
 * 签到 at the window: the booking code typed or scanned (a scanner types it and presses Enter), sent to
 * POST /api/appointments/check-in; the list refreshes so the row shows 已签到. The server's Chinese
 * refusals are shown as they come (not found, another office's appointment, already checked in).
 */
export const CheckInBox: React.FC = () => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null)

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    const typed = code.trim()
    if (!typed) return
    setBusy(true)
    try {
      const response = await fetch('/api/appointments/check-in', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: typed }),
      })
      const body = (await response.json().catch(() => ({}))) as { appointment?: { bookingCode?: string } }
      if (response.ok) {
        const done = body.appointment?.bookingCode ?? typed.toUpperCase()
        setAnswer({ ok: true, message: t(`预约码 ${done} 已签到`, `Booking ${done} checked in`) })
        setCode('')
        router.refresh()
      } else {
        setAnswer({ ok: false, message: errorsText(body) ?? t(`签到失败（HTTP ${response.status}）`, `Check-in failed (HTTP ${response.status})`) })
      }
    } catch (error) {
      setAnswer({ ok: false, message: t(`签到失败：${(error as Error).message}`, `Check-in failed: ${(error as Error).message}`) })
    } finally {
      setBusy(false)
      // Ready for the next resident's code.
      input.current?.focus()
    }
  }

  return (
    <form
      className="check-in"
      onSubmit={(event) => void submit(event)}
      style={{ margin: 'var(--base) 0', display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}
    >
      <label htmlFor="check-in-code" style={{ fontWeight: 600 }}>
        {t('签到', 'Check in')}
      </label>
      <input
        id="check-in-code"
        ref={input}
        className="check-in__code"
        value={code}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder={t('输入或扫描预约码', 'Type or scan the booking code')}
        onChange={(event) => setCode(event.target.value)}
        style={{ fontSize: 20, letterSpacing: 2, padding: '6px 10px', width: 220, textTransform: 'uppercase' }}
      />
      <Button type="submit" buttonStyle="primary" size="medium" margin={false} disabled={busy || code.trim() === ''}>
        {busy ? t('签到中…', 'Checking in…') : t('签到', 'Check in')}
      </Button>
      {answer ? (
        <div className={`check-in__answer check-in__answer--${answer.ok ? 'ok' : 'error'}`} style={{ flexBasis: '100%' }} role="status">
          <Banner type={answer.ok ? 'success' : 'error'}>{answer.message}</Banner>
        </div>
      ) : null}
    </form>
  )
}
