/** Minimal multipart/form-data reader: enough for WeChat's `media` uploads. */
export interface MultipartPart {
  name: string
  filename: string | null
  contentType: string | null
  data: Buffer
}

/** Returns null when the body is not well-formed multipart. */
export function parseMultipart(body: Buffer, contentTypeHeader: string | undefined): MultipartPart[] | null {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentTypeHeader ?? '')
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary || !/^multipart\/form-data/i.test(contentTypeHeader ?? '')) return null

  const delimiter = Buffer.from(`--${boundary}`)
  const parts: MultipartPart[] = []
  let start = body.indexOf(delimiter)
  if (start === -1) return null
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return parts
    const next = body.indexOf(delimiter, afterDelimiter)
    if (next === -1) return null
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF before the next delimiter.
    const segment = body.subarray(afterDelimiter + 2, next - 2)
    const headerEnd = segment.indexOf('\r\n\r\n')
    if (headerEnd === -1) return null
    const part = readPartHeaders(segment.subarray(0, headerEnd).toString('utf8'))
    if (!part) return null
    parts.push({ ...part, data: Buffer.from(segment.subarray(headerEnd + 4)) })
    start = next
  }
  return parts
}

function readPartHeaders(headerText: string): Omit<MultipartPart, 'data'> | null {
  let name: string | null = null
  let filename: string | null = null
  let contentType: string | null = null
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon === -1) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (key === 'content-disposition') {
      name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? null
      filename = /\bfilename="([^"]*)"/i.exec(value)?.[1] ?? null
    } else if (key === 'content-type') {
      contentType = value
    }
  }
  return name === null ? null : { name, filename, contentType }
}
