/**
 * Monaco, the editor behind Payload's JSON and code fields, loaded from this server
 * (`/vendor/monaco/vs`, served from node_modules/monaco-editor by src/app/vendor/monaco). Payload's
 * bundled loader would fetch it from cdn.jsdelivr.net, which offline and mainland-China machines
 * cannot reach (the field stays blank); it uses `window.monaco` instead when it is already there.
 */
const MONACO_BASE = '/vendor/monaco/vs'

type AmdRequire = ((modules: string[], onLoad: (module: unknown) => void, onError: (error: unknown) => void) => void) & {
  config: (options: { paths: Record<string, string> }) => void
}
type MonacoWindow = { monaco?: { editor?: unknown }; require?: AmdRequire }

let loading: Promise<void> | null = null

/** Resolves once `window.monaco` holds the editor loaded from this server; rejects when a file fails to load. */
export function ensureLocalMonaco(): Promise<void> {
  // What the AMD loader and the editor add to the page's globals, which the DOM types do not know.
  const win = window as unknown as MonacoWindow
  if (win.monaco?.editor) return Promise.resolve()
  loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script')
    script.src = `${MONACO_BASE}/loader.js`
    script.onerror = () => reject(new Error(`Monaco loader: ${script.src}`))
    script.onload = () => {
      const amd = win.require
      if (!amd) return reject(new Error('Monaco loader did not define require'))
      amd.config({ paths: { vs: MONACO_BASE } })
      amd(
        ['vs/editor/editor.main'],
        (main) => {
          const monaco = ((main as { m?: unknown }).m ?? main) as { editor?: unknown }
          win.monaco = monaco
          resolve()
        },
        reject,
      )
    }
    document.body.appendChild(script)
  }).catch((error: unknown) => {
    loading = null
    throw error
  })
  return loading
}
