import { createLocalReq, type Payload } from 'payload'
import { lexicalFromParagraphs } from '../../src/services/content/rich-text'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import type { GatewayFactory } from '../../src/services/push/gateway'
import { decideOnPush } from '../../src/services/push/sign-off'
import { wechatGateway } from '../../src/services/push/wechat-gateway'
import { assembleWeek } from '../../src/services/push/assemble'
import { itemRefs, type ItemRef } from '../../src/services/push/item-refs'
import { sendWeeklyPush } from '../../src/services/push/send'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { readPush } from '../../src/services/push/store'
import { drawCover } from '../../src/seed/covers'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { ACCOUNT } from '../wechat/support'
import { createFixtures, type Fixtures } from '../helpers/fixtures'

const pushAccount = () => ({ ...ACCOUNT, appId: `wxpush${Math.random().toString(36).slice(2, 12)}`, followerCount: 20 })

export interface PushWorld {
  appId: string
  fx: Fixtures
  accountId: string
  emulator: WeChatEmulator
  gatewayFor: GatewayFactory
}

/** A default account on a fresh emulator, staff, and `approved` items ready for a push. */
export async function createPushWorld(payload: Payload, items = 6, emulatorOptions: Parameters<typeof startEmulator>[0] = {}): Promise<PushWorld> {
  const PUSH_ACCOUNT = pushAccount()
  const emulator = await startEmulator({ faults: null, accounts: [PUSH_ACCOUNT], settings: { massJobDelayMs: 50, templateJobDelayMs: 20 }, ...emulatorOptions })
  const fx = await createFixtures(payload, `p${Math.random().toString(36).slice(2, 6)}`)
  const account = await payload.create({
    collection: 'wechat-accounts',
    data: {
      name: '测试服务号',
      appId: PUSH_ACCOUNT.appId,
      appSecret: PUSH_ACCOUNT.appSecret,
      token: PUSH_ACCOUNT.token,
      encodingAESKey: PUSH_ACCOUNT.encodingAESKey,
      isDefault: true,
      type: 'service',
    },
  })
  const types = ['policy-explainers', 'community-news', 'articles', 'articles', 'articles', 'articles', 'articles', 'articles'] as const
  for (let index = 0; index < items; index++) {
    await addApprovedItem(payload, fx, types[index % types.length], index)
  }
  const gatewayFor = emulatorGatewayFor(emulator.url)
  return { appId: PUSH_ACCOUNT.appId, fx, accountId: String(account.id), emulator, gatewayFor }
}

type RetryOptions = NonNullable<Parameters<typeof wechatGateway>[2]>['retry']

/** The push's WeChat gateway pointed at an emulator by URL (also usable from a child process), with test-sized retry delays. */
export function emulatorGatewayFor(url: string, retry: RetryOptions = {}): GatewayFactory {
  return (payload, accountId) =>
    wechatGateway(payload, accountId, {
      baseUrl: url,
      timeoutMs: 3000,
      uploadTimeoutMs: 5000,
      retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, rateLimitAttempts: 2, rateLimitDelayMs: 10, ...retry },
    })
}

export async function addApprovedItem(payload: Payload, fx: Fixtures, collection: 'articles' | 'policy-explainers' | 'community-news', index: number) {
  const image = await drawCover(index + 7)
  const cover = await payload.create({
    collection: 'media',
    data: { alt: `封面${index}` },
    file: { data: image, mimetype: 'image/jpeg', name: `push-cover-${index}.jpg`, size: image.length },
  })
  return payload.create({
    collection,
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: {
      title: `第${index + 1}条：社区通知`,
      digest: '摘要',
      body: lexicalFromParagraphs([`正文第 ${index + 1} 条。`]),
      cover: cover.id,
      community: index % 2 ? fx.communityA : fx.communityB,
      createdBy: fx.users.author.id,
      reviewStatus: 'approved',
      approvedAt: new Date(Date.UTC(2026, 10, 1 + index)).toISOString(),
      policyTitle: '政策',
      category: 'notice',
    } as never,
  })
}

export async function signOff(payload: Payload, fx: Fixtures, pushId: string) {
  const req = await createLocalReq({ user: fx.users.leader as never }, payload)
  return decideOnPush(req, pushId, 'sign-off')
}

const SENDALL = '/cgi-bin/message/mass/sendall'

/** sendall requests, including the ones answered 45065/45066 while settling a lost answer. */
export const sendallCount = (emulator: WeChatEmulator) => emulator.requestLog.filter((entry) => entry.path === SENDALL).length

/** sendall requests WeChat accepted as a new send: at most one per account and week. */
export const acceptedSendalls = (emulator: WeChatEmulator) => emulator.requestLog.filter((entry) => entry.path === SENDALL && entry.errcode === 0).length

/** Mass sends WeChat actually carried out (jobs, not answers). */
export const realSends = (emulator: WeChatEmulator) => emulator.account().massJobs.size

/**
 * The race tests' offsets: how many promise steps a person's write lets pass before it starts
 * (negative: the scheduler's send waits). Spread so that both orders and the interleavings in
 * between happen: with the bundle edit as a plain `payload.update`, sends started 40–120 steps after
 * the edit claimed the push between the update's read and its write.
 */
export const RACE_OFFSETS = [0, -5, -10, -20, -40, -80, -120, -160, -200, -300, -400, -600, -800, -1200, 5, 20, 80]

/** Lets `ticks` other promise steps run first (microtasks: finer than timers, so two writes interleave). */
export const waitSteps = async (ticks: number) => {
  for (let tick = 0; tick < ticks; tick++) await Promise.resolve()
}

/**
 * One round of a race: a signed-off push for `week` is assembled, then a person's `write` of its
 * bundle (the items reversed) and the scheduler's send at `now` start together, `offset` promise steps
 * apart (negative: the send waits; see RACE_OFFSETS). Answers 'saved' or the write's error, the send's
 * outcome, the push afterwards with its step names, and both bundles; the caller checks who won.
 */
export async function raceBundleWriteAgainstSend(
  payload: Payload,
  world: PushWorld,
  args: { week: string; now: Date; offset: number; write: (pushId: string, reordered: ItemRef[]) => Promise<unknown> },
) {
  const { push } = await assembleWeek(payload, { accountId: world.accountId, week: args.week, now: args.now, settings: DEFAULT_PUSH_SETTINGS })
  await signOff(payload, world.fx, push.id)
  const original = itemRefs((await readPush(payload, push.id))!.items)
  const reordered = [...original].reverse()
  const gateway = await world.gatewayFor(payload, world.accountId)
  const [written, send] = await Promise.all([
    waitSteps(Math.max(args.offset, 0)).then(() =>
      args.write(push.id, reordered).then(
        () => 'saved' as const,
        (error: unknown) => error,
      ),
    ),
    waitSteps(Math.max(-args.offset, 0)).then(() =>
      sendWeeklyPush({ payload, pushId: push.id, gateway, settings: DEFAULT_PUSH_SETTINGS, owner: 'scheduler', finalAttempt: false, now: () => args.now }),
    ),
  ])
  const after = (await readPush(payload, push.id))!
  return { written, send, after, steps: after.steps.map((step) => step.step), original, reordered }
}
