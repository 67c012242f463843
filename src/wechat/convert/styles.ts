/** Inline styles: WeChat article HTML keeps `style` attributes but drops <style> sheets and classes. */
export const STYLE = {
  section: 'font-size:16px;line-height:1.75;color:#333333;letter-spacing:0.5px;word-wrap:break-word;',
  paragraph: 'margin:0 0 1em 0;',
  compactParagraph: 'margin:0;',
  heading: (level: number) => `margin:1.2em 0 0.6em 0;font-weight:bold;line-height:1.4;font-size:${[22, 20, 18, 17, 16, 15][level - 1] ?? 16}px;`,
  list: 'margin:0 0 1em 0;padding-left:2em;',
  checkList: 'margin:0 0 1em 0;padding-left:0.5em;list-style:none;',
  listItem: 'margin:0.25em 0;',
  quote: 'margin:1em 0;padding:0.6em 1em;border-left:4px solid #d0d7de;background:#f6f8fa;color:#555555;',
  link: 'color:#576b95;text-decoration:none;',
  code: 'font-family:Menlo,Consolas,monospace;font-size:0.9em;background:#f3f3f3;padding:0 0.25em;border-radius:3px;',
  strikethrough: 'text-decoration:line-through;',
  underline: 'text-decoration:underline;',
  highlight: 'background:#fff3b0;',
  figure: 'margin:1em 0;text-align:center;',
  image: 'max-width:100%;height:auto;display:block;margin:0 auto;',
  rule: 'border:none;border-top:1px solid #dddddd;margin:1.5em 0;',
  table: 'width:100%;border-collapse:collapse;margin:1em 0;font-size:15px;',
  cell: 'border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;',
  headerCell: 'border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;background:#f6f8fa;font-weight:bold;',
} as const

const ALIGNMENTS: Record<string, string> = { left: 'left', start: 'left', center: 'center', right: 'right', end: 'right', justify: 'justify' }

/** text-align and indent of a Lexical element (`format`, `indent`). */
export function blockStyle(format: unknown, indent: unknown): string {
  const align = typeof format === 'string' ? ALIGNMENTS[format] : undefined
  const level = typeof indent === 'number' && indent > 0 ? Math.min(Math.floor(indent), 10) : 0
  return `${align ? `text-align:${align};` : ''}${level ? `padding-left:${level * 2}em;` : ''}`
}
