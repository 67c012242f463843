'use client'
import type { DateFieldClientProps } from 'payload'
import { DateTimeField, FieldDescription, FieldLabel, useField, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { pick } from '../../shared/bilingual'
import { appearanceOf, formatFieldDate } from './format'

/**
 * Every date field in a document. Read-only dates (the ones the system writes: submitted, approved,
 * signed off, received…) are shown as text in Beijing time with the zone named; Payload's read-only
 * date picker would show the PC's zone in its own format. Editable dates keep Payload's picker.
 */
export const BeijingDateField: React.FC<DateFieldClientProps> = (props) => {
  const { field, path, readOnly } = props
  const { value } = useField<string>({ path: path ?? field.name })
  const { i18n } = useTranslation()
  if (!readOnly && !field.admin?.readOnly) return <DateTimeField {...props} />
  const appearance = appearanceOf(field)
  const text = formatFieldDate(value, appearance)
  return (
    <div className="field-type beijing-date-field" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      <div className="beijing-date-field__value" data-date-value={value ?? ''}>
        {text || '—'}
        {text && appearance !== 'dayOnly' ? (
          <span style={{ color: 'var(--theme-elevation-500)' }}>{pick({ zh: '（北京时间）', en: ' (Beijing time)' }, i18n.language)}</span>
        ) : null}
      </div>
      {field.admin?.description ? <FieldDescription description={field.admin.description} path={path ?? field.name} /> : null}
    </div>
  )
}
