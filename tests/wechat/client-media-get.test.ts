/** media/get (临时素材) through the client facade, against the emulator over HTTP. */
import { WeChatApiError, type WeChatClient } from '../../src/wechat/client'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { TEMPORARY_MEDIA_TTL_MS } from '../../src/dev/emulator/media'
import { startClientEmulator } from './helpers/client'
import { jpeg } from './support'

const START = Date.parse('2026-03-02T02:00:00Z')
let emulator: WeChatEmulator
let client: WeChatClient

beforeEach(async () => {
  ;({ emulator, client } = await startClientEmulator({ clock: () => START }))
})
afterEach(async () => emulator.close())

describe('media/get', () => {
  test('answers the file with its content type and a file name from Content-disposition', async () => {
    const bytes = jpeg(4096)
    const mediaId = emulator.addTemporaryMedia({ bytes, contentType: 'image/jpeg' })
    const answer = await client.media.getTemporary(mediaId)
    expect(answer).toMatchObject({ kind: 'file', contentType: 'image/jpeg' })
    if (answer.kind !== 'file') throw new Error('expected a file')
    expect(answer.bytes.equals(bytes)).toBe(true)
    expect(answer.filename).toMatch(/\.jpg$/)
    const voice = Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(64, 0x3c)])
    const voiceAnswer = await client.media.getTemporary(emulator.addTemporaryMedia({ bytes: voice, contentType: 'audio/amr' }))
    expect(voiceAnswer).toMatchObject({ kind: 'file', contentType: 'audio/amr' })
    expect(emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/media/get').map((entry) => entry.method)).toEqual(['GET', 'GET'])
  })

  test('an unknown id, or one older than 3 days, is WeChat’s JSON 40007 as a WeChatApiError', async () => {
    const mediaId = emulator.addTemporaryMedia({ bytes: jpeg(1024), contentType: 'image/jpeg' })
    const unknown = await client.media.getTemporary('no-such-media').catch((error: unknown) => error)
    expect(unknown).toBeInstanceOf(WeChatApiError)
    expect(unknown).toMatchObject({ errcode: 40007, kind: 'wechat' })
    emulator.advanceClock(TEMPORARY_MEDIA_TTL_MS + 1000)
    await expect(client.media.getTemporary(mediaId)).rejects.toMatchObject({ errcode: 40007 })
  })

  test('video material answers a download address instead of bytes', async () => {
    const mediaId = emulator.addTemporaryMedia({ bytes: Buffer.from('video'), contentType: 'video/mp4' })
    expect(await client.media.getTemporary(mediaId)).toMatchObject({ kind: 'video-url', videoUrl: expect.stringMatching(/^http/) })
  })
})
