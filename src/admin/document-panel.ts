'use client'
import { useCallback, useEffect, useState } from 'react'
import { errorsText } from './api-errors'

/** What GET <url> answered: the panel, or the error's text (already in the admin's language). */
type PanelResult<T> = { panel: T } | { error: string }

async function fetchPanel<T>(url: string): Promise<PanelResult<T>> {
  try {
    const response = await fetch(url, { credentials: 'include' })
    const body: unknown = await response.json().catch(() => ({}))
    return response.ok ? { panel: body as T } : { error: errorsText(body) ?? `HTTP ${response.status}` }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

/**
 * The data of a panel on a document's edit view — the matter's progress (`/api/appointments/:id/history`),
 * a suggestion's moderation (`/api/consultation-submissions/:id/panel`), a rectification's
 * (`/api/rectifications/:id/panel`) — read when `url` changes (null: no document yet) and again by
 * `reload()` after an action. An answer arriving after the document changed is dropped.
 * Answers `{ panel, loadError, reload }`: `panel` null until the first good answer.
 */
export function useDocumentPanel<T>(url: string | null): { panel: T | null; loadError: string | null; reload: () => Promise<void> } {
  const [panel, setPanel] = useState<T | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  const apply = useCallback((result: PanelResult<T>) => {
    if ('error' in result) setLoadError(result.error)
    else {
      setLoadError(null)
      setPanel(result.panel)
    }
  }, [])

  useEffect(() => {
    if (!url) return
    let live = true
    void fetchPanel<T>(url).then((result) => {
      if (live) apply(result)
    })
    return () => {
      live = false
    }
  }, [url, apply])

  const reload = useCallback(async () => {
    if (url) apply(await fetchPanel<T>(url))
  }, [url, apply])

  return { panel, loadError, reload }
}
