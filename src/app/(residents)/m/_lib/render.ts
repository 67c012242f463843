/**
 * Server-rendered HTML with no JavaScript at all: the residents' pages are route handlers that
 * render React elements with react-dom/server's renderToStaticMarkup. Next refuses a static import
 * of react-dom/server in the app ("You're importing a component that imports react-dom/server", a
 * rule for components that would reach the browser), so it is loaded through createRequire:
 * Turbopack still resolves it into the server chunk (seen in the build), and under jest it is the
 * node_modules copy. It runs on the server only; the components use no hooks.
 * Why not App Router pages: Next's own client runtime alone is 174 KB gzipped (README).
 */
import { createRequire } from 'node:module'
import type { ReactElement } from 'react'

const requireFromHere = createRequire(import.meta.url)

/** The HTML of `element` as a document (`<!DOCTYPE html>` prepended). */
export function renderDocument(element: ReactElement): string {
  const { renderToStaticMarkup } = requireFromHere('react-dom/server') as typeof import('react-dom/server')
  return `<!DOCTYPE html>${renderToStaticMarkup(element)}`
}

/**
 * An HTML response for `element`. `cache` 'public-info' for pages that show only public
 * information (still revalidated, since staff preview unapproved guides through the same URL),
 * 'personal' for pages that show the resident's own data (never stored).
 */
export function htmlResponse(
  element: ReactElement,
  options: { status?: number; cache?: 'public-info' | 'personal'; headers?: Array<[string, string]> } = {},
): Response {
  const headers = new Headers({
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': options.cache === 'personal' ? 'private, no-store' : 'private, no-cache',
  })
  for (const [name, value] of options.headers ?? []) headers.append(name, value)
  return new Response(renderDocument(element), { status: options.status ?? 200, headers })
}
