'use client'
import { Banner, Button, toast, useAllFormFields, useDocumentInfo, useForm, useFormModified, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'
import { errorsText } from '../api-errors'

type Action = 'publish' | 'compare'

interface Answer {
  message?: string
  same?: boolean
  differences?: string[]
}

const BASE = '/api/wechat-menus'

const TEXT = {
  hint: {
    zh: '保存只改后台；点“发布到微信”后关注者才会看到。发布的是已保存的菜单：有未保存的修改时不会发布。',
    en: 'Saving changes only the admin; followers see the menu after “Publish to WeChat”. The saved menu is published: not while there are unsaved changes.',
  },
  unsaved: {
    zh: '未发布：有未保存的修改。请先保存，保存成功后再发布（微信上仍是之前的菜单）。',
    en: 'Not published: there are unsaved changes. Save first, then publish (WeChat still has the previous menu).',
  },
  invalid: {
    zh: '未发布：表单中有不符合微信要求的字段（已标红）。请改正并保存成功后再发布。',
    en: 'Not published: some fields break WeChat rules (marked in red). Fix them and save before publishing.',
  },
  created: {
    zh: '请先保存这份菜单，保存后才能发布或核对。',
    en: 'Save this menu first: it can be published or checked once saved.',
  },
  confirm: { zh: '发布后所有关注者都会看到新菜单。确定发布已保存的菜单？', en: 'Every follower will see the new menu. Publish the saved menu?' },
  publish: { zh: '发布到微信', en: 'Publish to WeChat' },
  publishing: { zh: '发布中…', en: 'Publishing…' },
  compare: { zh: '与线上菜单核对', en: 'Compare with WeChat' },
  comparing: { zh: '核对中…', en: 'Comparing…' },
  same: { zh: '线上菜单与已保存的一致。', en: 'The live menu matches the saved one.' },
  published: { zh: '菜单已发布', en: 'Menu published' },
}

/**
 * 发布 and 核对 on an account's menu (a `wechat-menus` row, published to its account). Publishing sends the last *saved* menu, so it refuses while the form
 * has unsaved edits or fields marked invalid (after a failed save Payload clears "modified", so the
 * form's menu is also sent and the server refuses when it is not the saved one).
 */
export const MenuActions: React.FC = () => {
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const modified = useFormModified()
  const [fields] = useAllFormFields()
  const { getData } = useForm()
  const { id } = useDocumentInfo()
  const [busy, setBusy] = useState<Action | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [differences, setDifferences] = useState<string[] | null>(null)

  const run = async (action: Action) => {
    setError(null)
    if (id == null) return setError(TEXT.created[lang])
    if (action === 'publish') {
      if (modified) return setError(TEXT.unsaved[lang])
      if (Object.values(fields).some((field) => field?.valid === false)) return setError(TEXT.invalid[lang])
      if (!window.confirm(TEXT.confirm[lang])) return
    }
    setBusy(action)
    try {
      const data = getData() as { buttons?: unknown; account?: unknown }
      const response = await fetch(`${BASE}/${encodeURIComponent(String(id))}/${action}`, {
        method: action === 'publish' ? 'POST' : 'GET',
        credentials: 'include',
        headers: { 'Accept-Language': lang, ...(action === 'publish' ? { 'Content-Type': 'application/json' } : {}) },
        body: action === 'publish' ? JSON.stringify({ expected: { buttons: data.buttons ?? [], account: data.account ?? null } }) : undefined,
      })
      const body = (await response.json().catch(() => ({}))) as Answer
      if (!response.ok) {
        setError(errorsText(body) ?? `HTTP ${response.status}`)
        return
      }
      if (action === 'publish') {
        toast.success(body.message ?? TEXT.published[lang])
        setDifferences(null)
      } else {
        setDifferences(body.differences ?? [])
      }
    } catch (caught) {
      setError((caught as Error).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="menu-actions" style={{ marginBottom: 'var(--base)' }}>
      <p style={{ margin: '0 0 8px' }}>{TEXT.hint[lang]}</p>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button className="menu-actions__publish" buttonStyle="primary" disabled={busy !== null} onClick={() => void run('publish')}>
          {busy === 'publish' ? TEXT.publishing[lang] : TEXT.publish[lang]}
        </Button>
        <Button className="menu-actions__compare" buttonStyle="secondary" disabled={busy !== null} onClick={() => void run('compare')}>
          {busy === 'compare' ? TEXT.comparing[lang] : TEXT.compare[lang]}
        </Button>
      </div>
      {error && (
        <Banner type="error">
          <span className="menu-actions__error" style={{ whiteSpace: 'pre-wrap' }}>
            {error}
          </span>
        </Banner>
      )}
      {differences && differences.length === 0 && <p>{TEXT.same[lang]}</p>}
      {differences && differences.length > 0 && (
        <ul>
          {differences.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
