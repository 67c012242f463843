import { APIError } from 'payload'
import { itemRefs } from '../../src/services/push/item-refs'
import type { SendOutcome } from '../../src/services/push/send'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { RACE_OFFSETS, acceptedSendalls, createPushWorld, raceBundleWriteAgainstSend, type PushWorld } from './helpers'

// A person's plain save of a push (the admin form, REST, GraphQL: Payload's own update, run as the
// leader with access checked) and the scheduler's Thursday claim of the same signed-off push, started
// together at several offsets, round after round. Payload reads the push, runs the guard, then writes
// without a condition; the guard therefore first marks the push as being saved (a compare-and-set on the
// status and updatedAt it read), so whichever comes first wins and the other is told: never a save
// that puts 待审定 or another bundle over a claimed push, never a send of a bundle changed after sign-off.

let t: TestPayload
const week = '2026-W48'
const now = new Date('2026-11-26T10:00:00Z') // Thursday of 2026-W48, Beijing 18:00

beforeAll(async () => {
  t = await startTestPayload()
}, 60_000)
afterAll(async () => t?.close())

interface Round {
  save: 'saved' | number
  send: SendOutcome['kind']
}
const rounds: Round[] = []

async function raceOnce(world: PushWorld, offset: number): Promise<Round> {
  const {
    written: save,
    send,
    after,
    steps,
    original,
    reordered,
  } = await raceBundleWriteAgainstSend(t.payload, world, {
    week,
    now,
    offset,
    write: (pushId, items) =>
      t.payload.update({ collection: 'weekly-pushes', id: pushId, data: { items }, user: world.fx.users.leader, overrideAccess: false }),
  })

  if (save === 'saved') {
    // The save won: the sign-off is void, the scheduler never claimed, WeChat got nothing.
    expect(after).toMatchObject({ status: 'proposed', signedOffAt: null, claimedBy: null })
    expect(itemRefs(after!.items)).toEqual(reordered)
    expect(steps).not.toContain('claim')
    expect(send.kind).toBe('not-claimed')
    expect(acceptedSendalls(world.emulator)).toBe(0)
  } else {
    // The claim won: the save is refused with a Chinese 409; the signed-off bundle goes out as signed off.
    expect(save).toBeInstanceOf(APIError)
    expect(save).toMatchObject({ status: 409, message: expect.stringMatching(/本周推送/) })
    expect(send.kind).toBe('sent')
    expect(after!.status).toBe('sent')
    expect(itemRefs(after!.items)).toEqual(original)
    expect(steps).toContain('claim')
    expect(steps).not.toContain('sign-off-voided')
    expect(acceptedSendalls(world.emulator)).toBe(1)
  }
  return { save: save === 'saved' ? 'saved' : (save as APIError).status, send: send.kind }
}

test.each(RACE_OFFSETS.map((offset, index) => [index + 1, offset]))(
  'round %i (the save starts %i promise steps after the send): one wins, the other loses cleanly',
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
  expect(rounds.some((round) => round.save === 'saved')).toBe(true)
  expect(rounds.some((round) => round.send === 'sent')).toBe(true)
})
