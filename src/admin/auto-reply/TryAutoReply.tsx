'use client'
import { Button, TextInput, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'
import { pick, type Bilingual } from '../../shared/bilingual'
import { errorsText } from '../api-errors'

const KIND_LABELS: Record<string, Bilingual> = {
  welcome: { zh: '关注时欢迎语', en: 'welcome' },
  keyword: { zh: '关键词回复', en: 'keyword' },
  default: { zh: '默认回复', en: 'default' },
}

/** The endpoint's failures, in the admin's language (the endpoint answers in Chinese). */
const FAILURES: Record<number, Bilingual> = {
  400: { zh: '请输入一条示例消息', en: 'Type a sample message first.' },
  401: { zh: '请先登录', en: 'Please sign in first.' },
  404: { zh: '没有可用的公众号', en: 'No WeChat account is set up.' },
}

interface TryAnswer {
  rule?: { id: string; name: string; kind: string } | null
  message?: string
}

/** "试一试": type a resident's message and see which rule would answer it. */
export const TryAutoReply: React.FC = () => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const [content, setContent] = useState('')
  const [result, setResult] = useState<string | null>(null)
  const run = async (follow: boolean) => {
    const response = await fetch('/api/auto-replies/try', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(follow ? { follow: true } : { content }),
    }).catch(() => null)
    if (!response) return setResult(pick({ zh: '无法连接服务器，请稍后再试。', en: 'The server cannot be reached; try again later.' }, lang))
    const body = (await response.json().catch(() => ({}))) as TryAnswer
    if (!response.ok) {
      const known = FAILURES[response.status]
      return setResult(known ? pick(known, lang) : (errorsText(body, '；') ?? `HTTP ${response.status}`))
    }
    if (!body.rule) return setResult(pick({ zh: '没有规则命中：不自动回复', en: 'No rule matches: no automatic reply.' }, lang))
    const kind = KIND_LABELS[body.rule.kind]
    setResult(
      pick(
        {
          zh: `命中规则：${body.rule.name}${kind ? `（${kind.zh}）` : ''}`,
          en: `Matching rule: ${body.rule.name}${kind ? ` (${kind.en})` : ''}`,
        },
        lang,
      ),
    )
  }
  return (
    <div className="try-auto-reply" style={{ margin: '8px 0 24px' }}>
      <p style={{ margin: '0 0 8px' }}>
        {pick(
          {
            zh: '试一试：输入一条居民消息，查看会命中哪条规则（按当前已保存的规则）',
            en: "Try it: type a resident's message to see which rule answers it (saved rules only)",
          },
          lang,
        )}
      </p>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 200 }}>
          <TextInput
            path="tryContent"
            value={content}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setContent(event.target.value)}
            placeholder={pick({ zh: '例如：什么时候停水', en: 'e.g. When is the water off?' }, lang)}
          />
        </div>
        <Button size="small" buttonStyle="secondary" className="try-auto-reply__try" onClick={() => void run(false)} disabled={content.trim() === ''}>
          {pick({ zh: '试一试', en: 'Try' }, lang)}
        </Button>
        <Button size="small" buttonStyle="secondary" className="try-auto-reply__follow" onClick={() => void run(true)}>
          {pick({ zh: '关注时', en: 'On follow' }, lang)}
        </Button>
      </div>
      {result ? <p className="try-auto-reply__result">{result}</p> : null}
    </div>
  )
}
