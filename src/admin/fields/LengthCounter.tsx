'use client'
import { useForm, useFormFields, useFormSubmitted, useTranslation } from '@payloadcms/ui'
import React, { useEffect } from 'react'
import { lengthReason, type LengthRule } from './length-rules'
import { measure, type LengthUnit } from './measure'

export interface LengthCounterProps {
  /** The field's form path (Payload passes it to `afterInput` components). */
  path: string
  /** WeChat's limit in `unit`s. */
  max: number
  unit: LengthUnit
  /** The field's WeChat rule, for its reason (src/admin/fields/length-rules). */
  rule?: LengthRule
}

/**
 * A live counter under a text input — 「12 / 32 字」 or 「10 / 16 字节」 — red once the text is over
 * WeChat's limit, so the limit is seen before saving (the server still checks on save).
 *
 * After a refused save it also keeps the field marked with the server's reason: a form-state answer
 * Payload requested before the save (without validation) can arrive after the save's errors and would
 * otherwise mark the field valid again, leaving the reason only in the toast.
 */
export const LengthCounter: React.FC<LengthCounterProps> = ({ path, max, unit, rule }) => {
  const value = useFormFields(([fields]) => fields[path]?.value)
  const valid = useFormFields(([fields]) => fields[path]?.valid)
  const submitted = useFormSubmitted()
  const { dispatchFields } = useForm()
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const text = typeof value === 'string' ? value : ''
  const count = measure(text, unit)
  const over = count > max
  const reason = rule && over ? lengthReason(rule, text, path, lang) : null

  useEffect(() => {
    if (submitted && reason && valid !== false) dispatchFields({ type: 'UPDATE', path, valid: false, errorMessage: reason })
  }, [submitted, reason, valid, path, dispatchFields])

  const unitLabel = unit === 'bytes' ? (lang === 'en' ? 'bytes' : '字节') : lang === 'en' ? 'characters' : '字'
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
      {over && (lang === 'en' ? ` — ${count - max} over WeChat's limit` : `，超出 ${count - max} ${unitLabel}`)}
    </div>
  )
}
