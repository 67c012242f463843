import React from 'react'
import { pick } from '../../shared/bilingual'
import type { ItemPreview } from './preview'

const PHONE: React.CSSProperties = {
  width: 375,
  maxWidth: '100%',
  border: '10px solid #1f1f1f',
  borderRadius: 28,
  background: '#ffffff',
  color: '#333333',
  overflow: 'hidden',
  boxShadow: '0 2px 12px rgba(0,0,0,.15)',
}

/** The message as it arrives in the chat: the headline's big cover, then a row for each other item. */
export function MessageCard({ items, lang }: { items: ItemPreview[]; lang: string }) {
  const [headline, ...rest] = items
  if (!headline) return null
  return (
    <div className="push-preview__card" style={{ ...PHONE, border: '1px solid #e5e5e5', borderRadius: 8, boxShadow: 'none' }}>
      <div style={{ position: 'relative', aspectRatio: '2.35 / 1', background: '#eeeeee' }}>
        {headline.coverUrl ? <img src={headline.coverUrl} alt="" style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }} /> : null}
        <div
          style={{
            position: 'absolute',
            left: 0,
            right: 0,
            bottom: 0,
            padding: '8px 12px',
            color: '#fff',
            background: 'linear-gradient(transparent, rgba(0,0,0,.6))',
            fontSize: 16,
          }}
        >
          {headline.title}
        </div>
      </div>
      {items.length === 1 && headline.digest ? <p style={{ margin: 0, padding: '8px 12px', color: '#888', fontSize: 14 }}>{headline.digest}</p> : null}
      {rest.map((item) => (
        <div key={item.key} style={{ display: 'flex', gap: 12, alignItems: 'center', padding: '10px 12px', borderTop: '1px solid #eeeeee' }}>
          <span style={{ flex: 1, fontSize: 15, lineHeight: 1.4 }}>{item.title}</span>
          {item.thumbUrl ? (
            <img src={item.thumbUrl} alt="" style={{ width: 56, height: 56, objectFit: 'cover', flex: 'none' }} />
          ) : (
            <span style={{ width: 56, height: 56, background: '#eee', flex: 'none' }} />
          )}
        </div>
      ))}
      <p style={{ margin: 0, padding: '6px 12px', fontSize: 12, color: '#999', borderTop: '1px solid #eeeeee' }}>
        {pick({ zh: '多条图文时，微信不显示摘要', en: 'WeChat hides digests in multi-article messages' }, lang)}
      </p>
    </div>
  )
}

/** One article opened on a phone: title, author and account, digest, the converted body (WeChat shows no cover here). */
export function PhoneArticle({ item, accountName, lang }: { item: ItemPreview; accountName: string; lang: string }) {
  return (
    <div className="push-preview__phone" style={PHONE}>
      <div style={{ maxHeight: 640, overflowY: 'auto', padding: '20px 16px' }}>
        <h2 style={{ fontSize: 22, lineHeight: 1.4, margin: '0 0 12px', color: '#333' }}>{item.title}</h2>
        <p style={{ margin: '0 0 16px', fontSize: 15, color: '#888' }}>
          {item.author ? `${item.author} ` : ''}
          <span style={{ color: '#576b95' }}>{accountName}</span>
        </p>
        {item.digest ? (
          <p style={{ margin: '0 0 16px', padding: '8px 10px', background: '#f7f7f7', fontSize: 14, color: '#666' }}>
            {pick({ zh: '摘要：', en: 'Digest: ' }, lang)}
            {item.digest}
          </p>
        ) : null}
        {/* The converter writes only its own tags with escaped text and inline styles (src/wechat/convert/render.ts). */}
        <div className="push-preview__body" dangerouslySetInnerHTML={{ __html: item.html }} />
      </div>
    </div>
  )
}
