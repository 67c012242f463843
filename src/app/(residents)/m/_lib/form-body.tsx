/**
 * Reading a resident's form post without trusting it: the body is read as a stream counting its
 * bytes and stopped at a limit (a Content-Length header may be absent — chunked — or lie), then parsed;
 * a body that is too large or not a form is an answer, never a thrown 500. Every residents' POST handler
 * reads its form through `readForm`.
 */
import { BodyTooLargeError, readCappedBody } from '../../../../http/capped-body'
import { htmlResponse } from './render'
import { MessagePage } from './shell'

/** A form of text fields only (booking, rating, a rectification's verdict): far more than any needs. */
export const SMALL_FORM_BODY = 64 * 1024

export type FormRead = { ok: true; form: FormData } | { ok: false; reason: 'too-large' | 'malformed' }

/**
 * The form of `request`, read up to `maxBytes` bytes of body: `too-large` as soon as more arrive (the
 * rest is not read; a declared Content-Length over the limit is refused before a byte is read),
 * `malformed` when the body is not a form (a cut multipart, a wrong content type).
 */
export async function readForm(request: Request, maxBytes: number): Promise<FormRead> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too-large' }
  let bytes: Uint8Array
  try {
    bytes = await readCappedBody(request.body, maxBytes)
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, reason: 'too-large' }
    // The connection broke mid-body: what arrived is not the form.
    return { ok: false, reason: 'malformed' }
  }
  try {
    const copy = new Request(request.url, {
      method: 'POST',
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      // Read from a stream into fresh memory (never a SharedArrayBuffer), as BodyInit wants.
      body: bytes as Uint8Array<ArrayBuffer>,
    })
    return { ok: true, form: await copy.formData() }
  } catch {
    return { ok: false, reason: 'malformed' }
  }
}

/** The Chinese answer to a form that could not be read: 413 too large, 400 not a form; `back` the page to fill it again. */
export function unreadableFormResponse(reason: 'too-large' | 'malformed', back: string): Response {
  const tooLarge = reason === 'too-large'
  return htmlResponse(
    <MessagePage title={tooLarge ? '提交的内容太多' : '提交的内容不完整'} links={[{ href: back, label: '返回重新填写', primary: true }]}>
      <p>{tooLarge ? '提交的内容超过了允许的大小，请精简后再提交。' : '提交的内容不完整或格式不对（可能是网络中断），请返回重新填写。'}</p>
    </MessagePage>,
    { status: tooLarge ? 413 : 400, cache: 'personal', headers: tooLarge ? [['Connection', 'close']] : [] },
  )
}
