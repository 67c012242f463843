'use client'
import type { DefaultCellComponentProps, RelationshipFieldClientProps } from 'payload'
import { FieldLabel, useFormFields } from '@payloadcms/ui'
import React from 'react'

/**
 * A read-only relationship to a user, shown by the user's name (the `<name>Name` field beside it,
 * src/admin/user-names.ts) rather than through the account, which the viewer may not read.
 */
export const UserNameField: React.FC<RelationshipFieldClientProps> = ({ field, path }) => {
  const namePath = `${path ?? field.name}Name`
  const name = useFormFields(([fields]) => fields[namePath]?.value) as string | null | undefined
  return (
    <div className="field-type user-name-field" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      <div className="user-name-field__value">{name || '—'}</div>
    </div>
  )
}

/** The same in a list column. */
export const UserNameCell: React.FC<DefaultCellComponentProps> = ({ cellData, field, rowData }) => {
  const name = 'name' in field ? (rowData as Record<string, unknown> | undefined)?.[`${field.name}Name`] : undefined
  const populated = cellData && typeof cellData === 'object' ? (cellData as { name?: string }).name : undefined
  return <span>{(typeof name === 'string' && name) || populated || (cellData ? '—' : '')}</span>
}
