'use client'
import { useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useLayoutEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { formatShanghai } from '../../shared/time'

/**
 * "最后修改 / 创建" of the document header in Beijing time. Payload formats these two in the PC's
 * time zone and offers no option to change it, so its own two entries are hidden (custom.scss) and
 * these take their place in the same list; mounted through `beforeDocumentControls` on every
 * collection and global.
 */
export const DocumentDates: React.FC = () => {
  const anchor = useRef<HTMLSpanElement>(null)
  const [meta, setMeta] = useState<Element | null>(null)
  const { data } = useDocumentInfo()
  const { t } = useTranslation()
  useLayoutEffect(() => {
    setMeta(anchor.current?.closest('.doc-controls')?.querySelector('.doc-controls__meta') ?? null)
  }, [])
  const updatedAt = (data as { updatedAt?: string } | undefined)?.updatedAt
  const createdAt = (data as { createdAt?: string } | undefined)?.createdAt
  const entries = [
    updatedAt ? { key: 'updated', label: t('general:lastModified'), value: formatShanghai(updatedAt) } : null,
    createdAt ? { key: 'created', label: t('general:created'), value: formatShanghai(createdAt) } : null,
  ].filter((entry): entry is { key: string; label: string; value: string } => entry !== null)
  return (
    <span ref={anchor} style={{ display: 'none' }}>
      {meta
        ? createPortal(
            entries.map((entry) => (
              <li
                key={entry.key}
                className={`doc-controls__list-item doc-controls__value-wrap beijing-doc-date beijing-doc-date--${entry.key}`}
                title={entry.value}
              >
                <p className="doc-controls__label">{entry.label}:&nbsp;</p>
                <p className="doc-controls__value">{entry.value}</p>
              </li>
            )),
            meta,
          )
        : null}
    </span>
  )
}
