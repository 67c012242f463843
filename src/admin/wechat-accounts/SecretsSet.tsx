'use client'
import type { DefaultCellComponentProps, TextFieldClientProps } from 'payload'
import { FieldLabel, useField, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { describeSecretsSet } from '../../../collections/wechat-accounts/secret-labels'

/** 已设置的密钥 in the account list: the secrets' names in the admin's language, not the stored field names. */
export const SecretsSetCell: React.FC<DefaultCellComponentProps> = ({ cellData }) => {
  const { i18n } = useTranslation()
  return <span>{describeSecretsSet(cellData, i18n.language)}</span>
}

/** 已设置的密钥 on the account form (read-only; the secrets themselves are never shown). */
export const SecretsSetField: React.FC<TextFieldClientProps> = ({ field, path }) => {
  const { value } = useField<string>({ path: path ?? field.name })
  const { i18n } = useTranslation()
  return (
    <div className="field-type secrets-set" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      <div className="secrets-set__value">{describeSecretsSet(value, i18n.language)}</div>
    </div>
  )
}
