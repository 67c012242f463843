import type { Payload, PayloadRequest } from 'payload'
import { REVIEW_TRANSITION_CONTEXT } from '../review/hooks'
import { type ItemRef } from './item-refs'
import { PUSH_SYSTEM_CONTEXT } from './system-context'

/** Moves bundle items between review states, each only if it is still in `from`. */
export async function moveItems(
  payload: Payload,
  refs: ItemRef[],
  from: string,
  data: Record<string, unknown>,
  req?: PayloadRequest,
): Promise<void> {
  for (const ref of refs) {
    await payload.update({
      collection: ref.relationTo,
      where: { and: [{ id: { equals: ref.value } }, { reviewStatus: { equals: from } }] },
      data,
      overrideAccess: true,
      req,
      context: { [REVIEW_TRANSITION_CONTEXT]: true, [PUSH_SYSTEM_CONTEXT]: true },
    })
  }
}
