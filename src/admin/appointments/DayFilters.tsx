'use client'
import { Button, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'
import { pick } from '../../shared/bilingual'

export interface DayFiltersProps {
  /** The view's path, e.g. `/admin/appointments-today`. */
  path: string
  /** The day shown (Beijing `YYYY-MM-DD`); omitted on views without a day. */
  date?: string
  today?: string
  previous?: string
  next?: string
  /** The offices to filter by (empty: no filter shown). */
  offices: { id: string; name: string }[]
  office: string
}

/** The day (a date picker, 前一天 / 今天 / 后一天) and the office of a staff view, kept in its address. */
export const DayFilters: React.FC<DayFiltersProps> = ({ path, date, today, previous, next, offices, office }) => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const router = useRouter()
  const [chosenOffice, setChosenOffice] = useState(office)
  const go = (day: string | undefined, officeId: string) => {
    const params = new URLSearchParams()
    if (day) params.set('date', day)
    if (officeId) params.set('office', officeId)
    const query = params.toString()
    router.push(query ? `${path}?${query}` : path)
  }
  return (
    <div className="staff-view__filters" style={{ display: 'flex', gap: 'var(--base)', flexWrap: 'wrap', alignItems: 'center', margin: 'var(--base) 0' }}>
      {date ? (
        <>
          <Button buttonStyle="pill" size="small" margin={false} onClick={() => go(previous, chosenOffice)}>
            {t('← 前一天', '← Previous day')}
          </Button>
          <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            {t('日期', 'Date')}
            <input
              type="date"
              className="staff-view__date"
              value={date}
              onChange={(event) => {
                if (event.target.value) go(event.target.value, chosenOffice)
              }}
            />
          </label>
          <Button buttonStyle="pill" size="small" margin={false} onClick={() => go(today, chosenOffice)}>
            {t('今天', 'Today')}
          </Button>
          <Button buttonStyle="pill" size="small" margin={false} onClick={() => go(next, chosenOffice)}>
            {t('后一天 →', 'Next day →')}
          </Button>
        </>
      ) : null}
      {offices.length > 1 ? (
        <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          {t('科室', 'Office')}
          <select
            className="staff-view__office"
            value={chosenOffice}
            onChange={(event) => {
              setChosenOffice(event.target.value)
              go(date, event.target.value)
            }}
          >
            <option value="">{t('全部科室', 'All offices')}</option>
            {offices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  )
}
