/**
 * How long one weekly push takes against WeChat when every call costs 100 ms, and how much of
 * that the parallel image uploads save. Run from the project root:
 *
 *   node --conditions=production --import tsx bench/push.ts
 *
 * See bench/README.md for what the figures mean. Prints figures; asserts nothing.
 */
import { randomBytes } from 'node:crypto'
import { lexicalFromParagraphs } from '../src/services/content/rich-text'
import { REVIEW_TRANSITION_CONTEXT } from '../src/services/review/hooks'
import { assembleWeek } from '../src/services/push/assemble'
import { sendWeeklyPush } from '../src/services/push/send'
import { DEFAULT_PUSH_SETTINGS } from '../src/services/push/settings'
import { wechatGateway } from '../src/services/push/wechat-gateway'
import { drawCover } from '../src/seed/covers'
import { startEmulator, type RequestLogEntry } from '../src/dev/emulator'
import { createFixtures, type Fixtures } from '../tests/helpers/fixtures'
import { startTestPayload } from '../tests/helpers/payload'
import { signOff } from '../tests/push/helpers'

const LATENCY_MS = 100
const ITEMS = 6
const INLINE_IMAGES_PER_ITEM = 3
const UPLOAD_PATHS = new Set(['/cgi-bin/media/uploadimg', '/cgi-bin/material/add_material'])

process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')
const account = {
  appId: 'wxbench000000001',
  appSecret: 'bench-secret-00000000000000000001',
  token: 'benchtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  originalId: 'gh_bench0000001',
  type: 'service' as const,
  messageMode: 'plain' as const,
  followerCount: 20,
}

const test = await startTestPayload()
const { payload } = test
const emulator = await startEmulator({ faults: { latencyMs: LATENCY_MS }, accounts: [account], settings: { massJobDelayMs: 50 } })

try {
  const fx = await createFixtures(payload, 'bench')
  const wechatAccount = await payload.create({
    collection: 'wechat-accounts',
    data: {
      name: '压测服务号',
      appId: account.appId,
      appSecret: account.appSecret,
      token: account.token,
      encodingAESKey: account.encodingAESKey,
      isDefault: true,
      type: 'service',
    },
  })
  const accountId = String(wechatAccount.id)

  // One cover and three inline images per item, all different: 24 distinct uploads in week one.
  const images = await Promise.all(
    Array.from({ length: ITEMS }, async (_, item) => ({
      cover: await createImage(100 + item * 10),
      inline: await Promise.all(Array.from({ length: INLINE_IMAGES_PER_ITEM }, (_, index) => createImage(100 + item * 10 + index + 1))),
    })),
  )

  const world = { fx, accountId }
  const weekOne = await runWeek(world, '2026-W48', '2026-11-26T10:00:00Z', 'first week, new images', images)
  // New items, same (unchanged) images: the upload cache should answer every one of them.
  const weekTwo = await runWeek(world, '2026-W49', '2026-12-03T10:00:00Z', 'second week, unchanged images', images)
  if (weekTwo.uploads !== 0) console.log(`!! ${weekTwo.uploads} uploads in the second week: unchanged images should all come from the cache`)
  if (weekOne.ratio > 0.4) console.log(`!! first week wall time is ${(weekOne.ratio * 100).toFixed(0)} % of the one-after-another sum (target ≤ 40 %)`)
} finally {
  await emulator.close()
  await test.close()
}
process.exit(0)

async function createImage(seed: number): Promise<string> {
  const bytes = await drawCover(seed)
  const media = await payload.create({
    collection: 'media',
    data: { alt: `图片${seed}` },
    file: { data: bytes, mimetype: 'image/jpeg', name: `bench-${seed}.jpg`, size: bytes.length },
  })
  return String(media.id)
}

/** A Lexical body: a paragraph, then each image followed by a paragraph. */
function bodyWithImages(title: string, imageIds: string[]): Record<string, unknown> {
  const body = lexicalFromParagraphs([`${title}：正文开头。`, ...imageIds.map((_, index) => `第 ${index + 1} 张图的说明。`)]) as {
    root: { children: unknown[] }
  }
  const [opening, ...captions] = body.root.children
  body.root.children = [
    opening,
    ...imageIds.flatMap((id, index) => [{ type: 'upload', relationTo: 'media', value: id, version: 3, fields: null }, captions[index]]),
  ]
  return body
}

interface BenchWorld {
  fx: Fixtures
  accountId: string
}

/** Six approved items for the week, assembled and signed off; then the timed part: the send itself (draft with uploads, sendall). */
async function runWeek({ fx, accountId }: BenchWorld, week: string, thursdaySlot: string, label: string, itemImages: { cover: string; inline: string[] }[]) {
  const now = new Date(thursdaySlot)
  for (const [index, { cover, inline }] of itemImages.entries()) {
    const title = `${week} 第${index + 1}条`
    await payload.create({
      collection: 'articles',
      context: { [REVIEW_TRANSITION_CONTEXT]: true },
      data: {
        title,
        digest: '摘要',
        body: bodyWithImages(title, inline),
        cover,
        community: index % 2 ? fx.communityA : fx.communityB,
        createdBy: fx.users.author.id,
        reviewStatus: 'approved',
        approvedAt: new Date(now.getTime() - (ITEMS - index) * 60_000).toISOString(),
        category: 'notice',
      } as never,
    })
  }
  const { push } = await assembleWeek(payload, { accountId: accountId, week, now, settings: DEFAULT_PUSH_SETTINGS })
  await signOff(payload, fx, push.id)

  const logStart = emulator.requestLog.length
  const started = performance.now()
  const gateway = await wechatGateway(payload, accountId, { baseUrl: emulator.url })
  const outcome = await sendWeeklyPush({
    payload,
    pushId: push.id,
    gateway,
    settings: DEFAULT_PUSH_SETTINGS,
    owner: 'bench',
    finalAttempt: false,
    now: () => now,
  })
  const wallMs = performance.now() - started
  const calls = emulator.requestLog.slice(logStart)
  return report(label, outcome.kind, wallMs, calls)
}

function report(label: string, outcome: string, wallMs: number, calls: RequestLogEntry[]) {
  const sumMs = calls.reduce((total, call) => total + call.durationMs, 0)
  const uploads = calls.filter((call) => UPLOAD_PATHS.has(call.path)).length
  const byPath = new Map<string, number>()
  for (const call of calls) byPath.set(call.path, (byPath.get(call.path) ?? 0) + 1)
  const ratio = sumMs > 0 ? wallMs / sumMs : 0
  console.log(`\n== ${label} (${outcome})`)
  console.log(`wall time                       ${wallMs.toFixed(0)} ms`)
  console.log(
    `WeChat calls                    ${calls.length}  (${[...byPath].map(([path, count]) => `${path.replace('/cgi-bin/', '')} ×${count}`).join(', ')})`,
  )
  console.log(`uploads (uploadimg+add_material) ${uploads}`)
  console.log(
    `one-after-another sum          ${sumMs.toFixed(0)} ms  (sum of each call's logged duration; ${calls.length} × ${LATENCY_MS} ms latency = ${calls.length * LATENCY_MS} ms of it)`,
  )
  console.log(`wall / sum                      ${(ratio * 100).toFixed(0)} %`)
  // The logged durations are measured inside the emulator, which shares this process's event loop
  // with Payload and sharp, so under load they stretch; calls × latency is the steady baseline.
  const latencyOnly = calls.length * LATENCY_MS
  console.log(`wall / (calls × ${LATENCY_MS} ms)           ${latencyOnly > 0 ? ((wallMs / latencyOnly) * 100).toFixed(0) : '–'} %`)
  return { wallMs, calls: calls.length, uploads, sumMs, ratio }
}
