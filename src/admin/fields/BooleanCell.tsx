'use client'
/**
 * A checkbox column's cell that reads an unset value (null: a row saved before the field existed, or
 * never ticked) as 否. Payload's own cell looks up `general:${value}` and shows the raw key
 * 「general:null」 for it.
 */
import { useTranslation } from '@payloadcms/ui'
import React from 'react'

export const BooleanCell: React.FC<{ cellData?: unknown }> = ({ cellData }) => {
  const { t } = useTranslation()
  return (
    <code className="bool-cell">
      <span>{t(cellData === true ? 'general:true' : 'general:false').toLowerCase()}</span>
    </code>
  )
}
