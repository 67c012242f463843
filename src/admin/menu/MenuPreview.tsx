'use client'
import { useFormFields, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { SUB_MENU_TYPE } from './button-types'
import { previewButtons, type Fields } from './preview-buttons'

/** WeChat's name limits in UTF-8 bytes (menu/create): a first-level name 16, a sub-button name 60. */
const TOP_NAME_BYTES = 16
const SUB_NAME_BYTES = 60
const encoder = new TextEncoder()
const tooLong = (name: string, max: number) => encoder.encode(name).length > max

/**
 * A phone drawing the menu as WeChat does: the bar at the bottom of the chat with up to three
 * sections, each sub-menu opened above its section. It follows the form live, before saving; a name
 * over WeChat's byte limit shows in red.
 */
export const MenuPreview: React.FC = () => {
  const buttons = useFormFields(([fields]) => previewButtons(fields as Fields))
  const { i18n } = useTranslation()
  const en = i18n.language === 'en'
  const empty = en ? '(no name)' : '（未命名）'
  return (
    <div className="menu-preview" style={{ position: 'sticky', top: 'calc(var(--doc-controls-height, 64px) + 16px)', marginBottom: 'var(--base)' }}>
      <p style={{ margin: '0 0 8px', color: 'var(--theme-elevation-600)' }}>
        {en ? 'Preview on a phone (live, before saving)' : '手机预览（随表单实时更新，未保存也会显示）'}
      </p>
      <div
        aria-label={en ? 'Phone preview of the menu' : '菜单手机预览'}
        style={{
          width: 300,
          height: 520,
          border: '10px solid #222',
          borderRadius: 28,
          background: '#ededed',
          display: 'flex',
          flexDirection: 'column',
          overflow: 'hidden',
          fontFamily: 'inherit',
        }}
      >
        <div style={{ background: '#ededed', borderBottom: '1px solid #d6d6d6', textAlign: 'center', padding: '10px 0', fontWeight: 600, color: '#111' }}>
          {en ? 'Street office' : '街道办服务号'}
        </div>
        <div style={{ flex: 1, position: 'relative' }}>
          <div style={{ position: 'absolute', left: 0, right: 0, bottom: 6, display: 'flex', alignItems: 'flex-end', paddingLeft: 40 }}>
            {buttons.map((button, index) => (
              <div key={index} style={{ flex: 1, display: 'flex', justifyContent: 'center', padding: '0 3px' }}>
                {button.type === SUB_MENU_TYPE && button.subButtons.length > 0 && (
                  <ul
                    className="menu-preview__sub"
                    style={{
                      listStyle: 'none',
                      margin: 0,
                      padding: 0,
                      width: '100%',
                      background: '#fff',
                      border: '1px solid #d6d6d6',
                      borderRadius: 4,
                      boxShadow: '0 1px 3px rgba(0,0,0,.1)',
                    }}
                  >
                    {button.subButtons.map((name, sub) => (
                      <li
                        key={sub}
                        className="menu-preview__sub-item"
                        style={{
                          padding: '8px 4px',
                          textAlign: 'center',
                          fontSize: 12,
                          color: tooLong(name, SUB_NAME_BYTES) ? 'var(--theme-error-500)' : '#111',
                          borderTop: sub === 0 ? 'none' : '1px solid #eee',
                          wordBreak: 'break-all',
                        }}
                      >
                        {name || empty}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </div>
        </div>
        <div style={{ display: 'flex', borderTop: '1px solid #d6d6d6', background: '#f7f7f7', minHeight: 46 }}>
          <div
            aria-hidden
            style={{ width: 40, display: 'flex', alignItems: 'center', justifyContent: 'center', borderRight: '1px solid #d6d6d6', color: '#555' }}
          >
            ⌨
          </div>
          {buttons.map((button, index) => (
            <div
              key={index}
              className="menu-preview__button"
              style={{
                flex: 1,
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: 13,
                padding: '0 2px',
                borderLeft: index === 0 ? 'none' : '1px solid #d6d6d6',
                color: tooLong(button.name, TOP_NAME_BYTES) ? 'var(--theme-error-500)' : '#111',
                textAlign: 'center',
              }}
            >
              {button.type === SUB_MENU_TYPE && (
                <span aria-hidden style={{ marginRight: 3, color: '#888' }}>
                  ≡
                </span>
              )}
              <span className="menu-preview__name">{button.name || empty}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}
