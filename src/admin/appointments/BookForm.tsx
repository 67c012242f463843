'use client'
import { Banner, Button, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'
import type { BookedAppointment, OpenSlot, SlotsAnswer } from '../../services/appointments/book'
import { pick } from '../../shared/bilingual'
import { errorsText } from '../api-errors'
import { appointmentHref } from './labels'

type Booked = Omit<BookedAppointment, 'status'>

/** A new key per resident: the same form sent twice (a double click, a retry) books once. */
const newRequestKey = (): string => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`)

/** GET /api/appointments/slots?guide=: the slots staff may book (no cut-off), or the error's text. */
type SlotsResult = { slots: SlotsAnswer } | { error: string }

async function fetchSlots(guideId: string): Promise<SlotsResult> {
  try {
    const response = await fetch(`/api/appointments/slots?guide=${encodeURIComponent(guideId)}`, { credentials: 'include' })
    const body: unknown = await response.json().catch(() => ({}))
    return response.ok ? { slots: body as SlotsAnswer } : { error: errorsText(body) ?? `HTTP ${response.status}` }
  } catch (failure) {
    return { error: (failure as Error).message }
  }
}

const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/**
 * The 代约 form: guide → its slots (GET /api/appointments/slots, no cut-off; full slots disabled) →
 * the resident's data → POST /api/appointments/book; the code is shown large. The server's Chinese
 * refusals (invalid mobile, slot full with the next free ones, …) are shown as they come.
 */
export const BookForm: React.FC<{ guides: { id: string; title: string }[] }> = ({ guides }) => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const [guide, setGuide] = useState(guides.length === 1 ? guides[0]!.id : '')
  const [slots, setSlots] = useState<SlotsAnswer | null>(null)
  const [slotError, setSlotError] = useState<string | null>(null)
  const [slotKey, setSlotKey] = useState('')
  const [form, setForm] = useState({ name: '', mobile: '', idNumber: '' })
  const [requestKey, setRequestKey] = useState(newRequestKey)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [booked, setBooked] = useState<Booked | null>(null)

  const showSlots = useCallback((result: SlotsResult) => {
    if ('error' in result) {
      setSlots(null)
      setSlotError(result.error)
    } else {
      setSlotError(null)
      setSlots(result.slots)
    }
  }, [])
  /** Shows the slots of `guideId` as they are now. */
  const loadSlots = async (guideId: string) => showSlots(await fetchSlots(guideId))

  useEffect(() => {
    // The one guide of the office is chosen from the start; an answer after the form is gone is dropped.
    if (guides.length !== 1) return
    let live = true
    void fetchSlots(guides[0]!.id).then((result) => {
      if (live) showSlots(result)
    })
    return () => {
      live = false
    }
  }, [guides, showSlots])

  const chooseGuide = (guideId: string) => {
    setGuide(guideId)
    setSlotKey('')
    setSlots(null)
    setSlotError(null)
    setError(null)
    if (guideId) void loadSlots(guideId)
  }

  const needsId = slots?.guide.bookingNeedsIdNumber === true
  const byDate = new Map<string, OpenSlot[]>()
  for (const slot of slots?.slots ?? []) byDate.set(slot.date, [...(byDate.get(slot.date) ?? []), slot])

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (!slotKey) {
      setError(t('请先选择时段', 'Choose a slot first'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const response = await fetch('/api/appointments/book', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ guide, slotKey, name: form.name, mobile: form.mobile, ...(needsId ? { idNumber: form.idNumber } : {}), requestKey }),
      })
      const body = (await response.json().catch(() => ({}))) as { appointment?: Booked; errors?: { message?: string }[] }
      if (!response.ok || !body.appointment) {
        setError(body.errors?.[0]?.message ?? errorsText(body) ?? `HTTP ${response.status}`)
        // A seat may have gone meanwhile: show the seats as they are now.
        if (response.status === 409) void loadSlots(guide)
        return
      }
      setBooked(body.appointment)
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const again = () => {
    setBooked(null)
    setForm({ name: '', mobile: '', idNumber: '' })
    setSlotKey('')
    setRequestKey(newRequestKey())
    void loadSlots(guide)
  }

  if (booked) {
    return (
      <div className="book-form__done" style={{ margin: 'var(--base) 0' }}>
        <Banner type="success">{t('预约成功，请把预约码告诉群众：', 'Booked. Read the booking code to the resident:')}</Banner>
        <div
          className="book-form__code"
          style={{ fontSize: 64, fontFamily: 'monospace', fontWeight: 700, letterSpacing: '0.3em', margin: 'var(--base) 0' }}
          aria-label={booked.bookingCode.split('').join(' ')}
        >
          {booked.bookingCode}
        </div>
        <p style={{ fontSize: 18 }}>
          {booked.guideTitle} · {booked.slotDate} {booked.slotStart}–{booked.slotEnd}
        </p>
        <div style={{ display: 'flex', gap: 8 }}>
          <Button buttonStyle="primary" margin={false} onClick={again}>
            {t('再约一位', 'Book another')}
          </Button>
          <Button el="link" url={appointmentHref(booked.id)} buttonStyle="secondary" margin={false}>
            {t('查看这条预约', 'Open the appointment')}
          </Button>
        </div>
      </div>
    )
  }

  const field = (name: 'name' | 'mobile' | 'idNumber', label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 200 }}>
      {label}
      <input
        name={name}
        className={`book-form__${name}`}
        value={form[name]}
        required
        autoComplete="off"
        onChange={(event) => setForm((current) => ({ ...current, [name]: event.target.value }))}
        style={{ fontSize: 16, padding: '6px 8px' }}
        {...props}
      />
    </label>
  )

  return (
    <form className="book-form" onSubmit={(event) => void submit(event)} style={{ margin: 'var(--base) 0', maxWidth: 900 }}>
      <label style={{ display: 'flex', flexDirection: 'column', gap: 4, maxWidth: 480 }}>
        {t('办事事项', 'Matter')}
        <select className="book-form__guide" value={guide} onChange={(event) => chooseGuide(event.target.value)} style={{ fontSize: 16, padding: '6px 8px' }}>
          <option value="">{t('请选择', 'Choose')}</option>
          {guides.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.title}
            </option>
          ))}
        </select>
      </label>
      {slotError ? <Banner type="error">{slotError}</Banner> : null}
      {slots?.warnings.map((warning, index) => (
        <Banner key={index} type="info">
          {warning.message}
        </Banner>
      ))}
      {guide && !slots && !slotError ? <p>{t('正在加载时段…', 'Loading slots…')}</p> : null}
      {slots ? (
        <fieldset className="book-form__slots" style={{ border: 'none', padding: 0, margin: 'var(--base) 0' }}>
          <legend style={{ fontWeight: 600, marginBottom: 8 }}>{t('时段（北京时间，括号内为剩余名额）', 'Slot (Beijing time, free seats in brackets)')}</legend>
          {slots.slots.length === 0 ? <p>{t('近期没有可预约的时段。', 'No slots in the coming days.')}</p> : null}
          {[...byDate.entries()].map(([date, daySlots]) => {
            const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
            return (
              <div key={date} style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginBottom: 8 }}>
                <span style={{ minWidth: 130 }}>
                  {date} {lang === 'en' ? WEEKDAYS_EN[weekday] : WEEKDAYS_ZH[weekday]}
                </span>
                {daySlots.map((slot) => {
                  const chosen = slot.key === slotKey
                  return (
                    <button
                      key={slot.key}
                      type="button"
                      className={`book-form__slot${chosen ? ' book-form__slot--chosen' : ''}`}
                      data-key={slot.key}
                      disabled={slot.free <= 0 || busy}
                      aria-pressed={chosen}
                      onClick={() => setSlotKey(slot.key)}
                      style={{
                        padding: '4px 10px',
                        borderRadius: 4,
                        cursor: slot.free > 0 ? 'pointer' : 'not-allowed',
                        border: `1px solid ${chosen ? 'var(--theme-success-500)' : 'var(--theme-elevation-250)'}`,
                        background: chosen ? 'var(--theme-success-100)' : 'var(--theme-elevation-0)',
                        color: slot.free > 0 ? 'var(--theme-text)' : 'var(--theme-elevation-400)',
                      }}
                    >
                      {slot.start}–{slot.end}（{slot.free > 0 ? t(`余 ${slot.free}`, `${slot.free} free`) : t('已满', 'full')}）
                    </button>
                  )
                })}
              </div>
            )
          })}
        </fieldset>
      ) : null}
      {slots ? (
        <>
          <div style={{ display: 'flex', gap: 'var(--base)', flexWrap: 'wrap', margin: 'var(--base) 0' }}>
            {field('name', t('姓名', 'Name'))}
            {field('mobile', t('手机号', 'Mobile'), { inputMode: 'tel' })}
            {needsId ? field('idNumber', t('身份证号（该事项要求）', 'ID number (this matter asks for it)')) : null}
          </div>
          {error ? (
            <div className="book-form__error">
              <Banner type="error">{error}</Banner>
            </div>
          ) : null}
          <Button type="submit" buttonStyle="primary" margin={false} disabled={busy || !slotKey}>
            {busy ? t('预约中…', 'Booking…') : t('确认预约', 'Book')}
          </Button>
        </>
      ) : null}
    </form>
  )
}
