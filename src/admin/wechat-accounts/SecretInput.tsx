'use client'
import type { TextFieldClientProps } from 'payload'
import { TextField, useFormFields } from '@payloadcms/ui'
import React from 'react'
import { secretsSetNames } from '../../../collections/wechat-accounts/secret-labels'

const SET = { zh: '已设置（留空则保持不变）', en: 'Set (leave empty to keep it)' }
const NOT_SET = { zh: '未设置', en: 'Not set' }

/**
 * A secret's input on the account form: always empty (the stored value is never sent to the
 * browser), its placeholder saying whether one is set — read from 已设置的密钥 (`secretsSet`, e.g.
 * `"appSecret, token"`), which the server keeps in step on every save.
 */
export const SecretInput: React.FC<TextFieldClientProps> = (props) => {
  const { field } = props
  const stored = useFormFields(([fields]) => fields.secretsSet?.value)
  const isSet = (secretsSetNames(stored) as string[]).includes(field.name)
  return <TextField {...props} field={{ ...field, admin: { ...field.admin, placeholder: isSet ? SET : NOT_SET } }} />
}
