'use client'
import { Banner, useDocumentInfo, useFormFields, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'
import { formatShanghai } from '../../shared/time'
import { pick } from '../../shared/bilingual'

/** A `resident-media` document as REST answers it (its `url` needs the staff member's login). */
interface ResidentFile {
  id: string
  kind: 'image' | 'voice' | 'thumb'
  url?: string | null
  filename?: string | null
  mimeType?: string | null
}

/** '' when this browser cannot play the type (WeChat voice is AMR, which Chrome and Firefox cannot play). */
function canPlay(mimeType: string | null | undefined): boolean {
  if (!mimeType || typeof document === 'undefined') return false
  return document.createElement('audio').canPlayType(mimeType) !== ''
}

/**
 * What the resident sent, as kept from WeChat: images inline, voice in an audio player (or, when
 * the browser cannot play AMR, a note and a download link), a video's thumbnail; and where the
 * fetch stands while it is not done (retrying, or expired after WeChat's 3 days).
 */
export const MessageMedia: React.FC = () => {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const lang = i18n.language
  const status = useFormFields(([fields]) => fields.mediaStatus?.value as string | undefined)
  const lastError = useFormFields(([fields]) => fields.mediaError?.value as string | undefined)
  const retryAt = useFormFields(([fields]) => fields.mediaRetryAt?.value as string | undefined)
  const [files, setFiles] = useState<ResidentFile[] | null>(null)

  useEffect(() => {
    if (!id || !status) return
    let live = true
    const query = new URLSearchParams({ 'where[message][equals]': String(id), depth: '0', limit: '10' })
    void fetch(`/api/resident-media?${query}`, { credentials: 'include' })
      .then(async (response) => (response.ok ? ((await response.json()) as { docs: ResidentFile[] }).docs : []))
      .then((docs) => live && setFiles(docs))
      .catch(() => live && setFiles([]))
    return () => {
      live = false
    }
  }, [id, status])

  if (!id || !status) return null
  return (
    <div className="resident-media" style={{ marginBottom: 24 }}>
      <h4 style={{ margin: '0 0 8px' }}>{pick({ zh: '居民发来的图片 / 语音', en: 'What the resident sent' }, lang)}</h4>
      {status === 'pending' ? (
        <Banner type="info">
          {pick({ zh: '正在从微信取回文件', en: 'Fetching the file from WeChat' }, lang)}
          {retryAt
            ? pick({ zh: `，下次尝试：${formatShanghai(retryAt)}（北京时间）`, en: `; next attempt ${formatShanghai(retryAt)} (Beijing time)` }, lang)
            : ''}
          {lastError ? pick({ zh: `。上次失败：${lastError}`, en: `. Last failure: ${lastError}` }, lang) : ''}
        </Banner>
      ) : null}
      {status === 'expired' ? (
        <Banner type="error">
          {pick({ zh: '未能在 3 天内从微信取回该文件，微信已将其删除。', en: 'The file could not be fetched within 3 days; WeChat has deleted it.' }, lang)}
        </Banner>
      ) : null}
      {(files ?? []).map((file) => {
        if (!file.url) return null
        if (file.kind === 'voice') {
          const playable = canPlay(file.mimeType)
          return (
            <div key={file.id} className="resident-media__voice">
              {playable ? <audio controls preload="none" src={file.url} /> : null}
              {!playable ? (
                <p className="resident-media__unplayable" style={{ margin: '4px 0' }}>
                  {pick(
                    {
                      zh: `浏览器无法直接播放这段语音（${file.mimeType ?? '未知格式'}，微信语音为 AMR 格式），请下载后用播放器收听。`,
                      en: `This browser cannot play the voice message (${file.mimeType ?? 'unknown format'}; WeChat voice is AMR). Download it and play it in a media player.`,
                    },
                    lang,
                  )}
                </p>
              ) : null}
              <a href={file.url} download={file.filename ?? undefined}>
                {pick({ zh: '下载语音', en: 'Download the voice message' }, lang)}
              </a>
            </div>
          )
        }
        return (
          <figure key={file.id} className={`resident-media__${file.kind}`} style={{ margin: '0 0 8px' }}>
            <a href={file.url} target="_blank" rel="noreferrer">
              <img
                src={file.url}
                alt={
                  file.kind === 'thumb'
                    ? pick({ zh: '视频封面', en: 'Video thumbnail' }, lang)
                    : pick({ zh: '居民发来的图片', en: 'Image from the resident' }, lang)
                }
                style={{ maxWidth: '100%', maxHeight: 480 }}
              />
            </a>
            {file.kind === 'thumb' ? (
              <figcaption>{pick({ zh: '视频封面（视频本身请在微信中查看）', en: 'Video thumbnail (the video itself stays in WeChat)' }, lang)}</figcaption>
            ) : null}
          </figure>
        )
      })}
    </div>
  )
}
