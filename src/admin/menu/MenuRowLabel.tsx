'use client'
import { useRowLabel, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { typeLabel } from './button-types'

interface RowData {
  name?: string | null
  type?: string | null
}

/**
 * The row label of a menu button, from the button itself: 「一级按钮 1 · 微·公益（子菜单）」 or
 * 「子按钮 2 · 志愿者招募 · 点击回复（click）」, instead of Payload's 「Button 01」.
 */
export const MenuRowLabel: React.FC<{ level?: 'top' | 'sub' }> = ({ level = 'top' }) => {
  const { data, rowNumber } = useRowLabel<RowData>()
  const { i18n } = useTranslation()
  const en = i18n.language === 'en'
  const position = (rowNumber ?? 0) + 1
  const kind = level === 'top' ? (en ? `Button ${position}` : `一级按钮 ${position}`) : en ? `Sub-button ${position}` : `子按钮 ${position}`
  const name = data?.name?.trim() || (en ? '(no name yet)' : '（未命名）')
  const type = typeLabel(data?.type, i18n.language)
  return (
    <span className="menu-row-label">
      <span style={{ color: 'var(--theme-elevation-500)' }}>{kind} · </span>
      <strong>{name}</strong>
      {type && <span style={{ color: 'var(--theme-elevation-500)' }}> · {type}</span>}
    </span>
  )
}
