'use client'
import { PasswordField } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'

// Empty is fine in the form: only a change of one's own email or password needs it, and the server says so.
const optional = () => true as const

/** The `currentPassword` field as Payload's masked password input (a text field would show it in clear). */
export const CurrentPasswordField: TextFieldClientComponent = ({ field, path }) => (
  <PasswordField autoComplete="current-password" field={field} path={path ?? field.name} validate={optional} />
)
