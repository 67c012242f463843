import { createLocalReq } from 'payload'
import { ApiError } from '../../src/http/api-error'
import { assembleWeek } from '../../src/services/push/assemble'
import { editBundle } from '../../src/services/push/bundle-edit'
import { itemRefs } from '../../src/services/push/item-refs'
import { type SendOutcome } from '../../src/services/push/send'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { changeBundle, readPush, savePush } from '../../src/services/push/store'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { RACE_OFFSETS, acceptedSendalls, createPushWorld, raceBundleWriteAgainstSend, signOff, type PushWorld } from './helpers'

// The leader's bundle edit on 本周推送 and the scheduler's Thursday claim of the same signed-off
// push, started together (Promise.all on one Payload, real SQLite file, the emulator over HTTP), at
// several offsets, round after round. Whichever writes first wins; the other is told and changes
// nothing: never an edit saved over a claimed push (its status, claim or bundle put back), never a
// send of a bundle the leader changed after signing off.

let t: TestPayload
const week = '2026-W48'
const now = new Date('2026-11-26T10:00:00Z') // Thursday of 2026-W48, Beijing 18:00

beforeAll(async () => {
  t = await startTestPayload()
}, 60_000)
afterAll(async () => t?.close())

interface Round {
  edit: 'saved' | string
  send: SendOutcome['kind']
  sendReason?: string
}
const rounds: Round[] = []

async function raceOnce(world: PushWorld, offset: number): Promise<Round> {
  const req = await createLocalReq({ user: world.fx.users.leader as never }, t.payload)
  const {
    written: edit,
    send,
    after,
    steps,
    original,
    reordered,
  } = await raceBundleWriteAgainstSend(t.payload, world, {
    week,
    now,
    offset,
    write: (pushId, items) => editBundle(req, pushId, items),
  })

  if (edit === 'saved') {
    // The edit won: the sign-off is void, the scheduler never claimed, WeChat got nothing.
    expect(after).toMatchObject({ status: 'proposed', signedOffAt: null, claimedBy: null })
    expect(itemRefs(after!.items)).toEqual(reordered)
    expect(steps).toContain('sign-off-voided')
    expect(steps).not.toContain('claim')
    expect(send.kind).toBe('not-claimed')
    expect(acceptedSendalls(world.emulator)).toBe(0)
  } else {
    // The claim won: the edit is refused with a clear Chinese 409, the signed-off bundle goes out as signed off.
    expect(edit).toBeInstanceOf(ApiError)
    expect(edit).toMatchObject({ status: 409, message: expect.stringMatching(/本周推送已在发送或已结束，不能再修改|本周推送刚被他人修改/) })
    expect(send.kind).toBe('sent')
    expect(after!.status).toBe('sent')
    expect(itemRefs(after!.items)).toEqual(original)
    expect(steps).toContain('claim')
    expect(steps).not.toContain('sign-off-voided')
    expect(acceptedSendalls(world.emulator)).toBe(1)
  }
  return { edit: edit === 'saved' ? 'saved' : (edit as ApiError).code, send: send.kind, sendReason: 'reason' in send ? send.reason : undefined }
}

test.each(RACE_OFFSETS.map((offset, index) => [index + 1, offset]))(
  'round %i (the edit starts %i promise steps after the send): one wins, the other loses cleanly',
  async (_round, offset) => {
    const world = await createPushWorld(t.payload, 6)
    try {
      rounds.push(await raceOnce(world, offset))
    } finally {
      await world.emulator.close()
    }
  },
  60_000,
)

test('both orders happened across the rounds', () => {
  expect(rounds).toHaveLength(RACE_OFFSETS.length)
  expect(rounds.some((round) => round.edit === 'saved')).toBe(true)
  expect(rounds.some((round) => round.send === 'sent')).toBe(true)
})

test('in the store: a bundle edit and a claim decided on the same read, written at once, round after round: exactly one is saved', async () => {
  const outcomes: string[] = []
  for (let round = 0; round < 6; round++) {
    const world = await createPushWorld(t.payload, 6)
    try {
      const { push } = await assembleWeek(t.payload, { accountId: world.accountId, week, now, settings: DEFAULT_PUSH_SETTINGS })
      await signOff(t.payload, world.fx, push.id)
      const read = (await readPush(t.payload, push.id))!
      const original = itemRefs(read.items)
      const edit = () => changeBundle(t.payload, read, { items: [...original].reverse() }, 'leader@test')
      // The scheduler's claim as sendWeeklyPush writes it: only while the push is as it decided on.
      const claim = () =>
        savePush(
          t.payload,
          read,
          { status: 'sending', claimedBy: 'scheduler', claimedUntil: new Date(Date.now() + 600_000).toISOString() },
          { step: 'claim', ok: true },
          {
            and: [{ status: { equals: read.status } }, { updatedAt: { equals: read.updatedAt } }],
          },
        )
      const [edited, claimed] = round % 2 ? await Promise.all([edit(), claim()]) : (await Promise.all([claim(), edit()])).reverse()
      const after = (await readPush(t.payload, push.id))!
      expect([edited, claimed].filter(Boolean)).toHaveLength(1)
      if (edited) {
        expect(after).toMatchObject({ status: 'proposed', claimedBy: null, signedOffAt: null })
        expect(itemRefs(after.items)).toEqual([...original].reverse())
      } else {
        expect(after).toMatchObject({ status: 'sending', claimedBy: 'scheduler' })
        expect(itemRefs(after.items)).toEqual(original)
        expect(after.steps.map((step) => step.step)).not.toContain('sign-off-voided')
      }
      outcomes.push(edited ? 'edit' : 'claim')
    } finally {
      await world.emulator.close()
    }
  }
  expect(outcomes).toHaveLength(6)
}, 120_000)
