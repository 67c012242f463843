'use client'
import { useFormFields, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { measure, type LengthUnit } from './measure'

export interface LengthCounterProps {
  /** The field's form path (Payload passes it to `afterInput` components). */
  path: string
  /** WeChat's limit in `unit`s. */
  max: number
  unit: LengthUnit
}

/**
 * A live counter under a text input — 「12 / 32 字」 or 「10 / 16 字节」 — red once the text is over
 * WeChat's limit, so the limit is seen before saving (the server still checks on save).
 */
export const LengthCounter: React.FC<LengthCounterProps> = ({ path, max, unit }) => {
  const value = useFormFields(([fields]) => fields[path]?.value)
  const { i18n } = useTranslation()
  const en = i18n.language === 'en'
  const count = measure(typeof value === 'string' ? value : '', unit)
  const over = count > max
  const unitLabel = unit === 'bytes' ? (en ? 'bytes' : '字节') : en ? 'characters' : '字'
  return (
    <div
      className={`length-counter${over ? ' length-counter--over' : ''}`}
      data-count={count}
      data-max={max}
      aria-live="polite"
      style={{
        marginTop: 4,
        fontSize: 12,
        textAlign: 'right',
        color: over ? 'var(--theme-error-500)' : 'var(--theme-elevation-500)',
        fontWeight: over ? 600 : undefined,
      }}
    >
      {count} / {max} {unitLabel}
      {over && (en ? ` — ${count - max} over WeChat's limit` : `，超出 ${count - max} ${unitLabel}`)}
    </div>
  )
}
