/**
 * The Local API without the generated slug types. Our collections (wechat-inbound,
 * resident-messages, auto-replies, followers) are registered by the main config; until
 * payload-types.ts is regenerated with them, typed calls would not compile. Same object, same
 * methods — only the types are looser.
 */
import type { Payload } from 'payload'

type Args = { collection: string } & Record<string, unknown>
export type LooseDoc = Record<string, unknown> & { id: string }

export interface LoosePayload {
  find(args: Args): Promise<{ docs: LooseDoc[]; totalDocs: number }>
  findByID(args: Args): Promise<LooseDoc>
  create(args: Args): Promise<LooseDoc>
  update(args: Args): Promise<LooseDoc>
  count(args: Args): Promise<{ totalDocs: number }>
}

export const loose = (payload: Payload): LoosePayload => payload as unknown as LoosePayload
