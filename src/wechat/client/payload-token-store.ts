/**
 * A TokenStore in the `wechat-tokens` collection, shared by every CMS instance using the database.
 *
 * The refresh lock is a compare-and-set on `lockedUntil`/`lockOwner`: "set them to mine where the
 * lock is free or expired", succeeding only if exactly one document changed. It uses
 * `payload.db.updateOne({ where, options: { atomic: true } })` — one `UPDATE … WHERE … RETURNING`
 * statement on SQL adapters and `findOneAndUpdate` on MongoDB — the primitive Payload itself uses
 * for its forgot-password throttle. `payload.update({ where })` is NOT atomic: it finds the matching
 * ids first and then updates each by id, so two instances could both "win" (see client/README.md).
 */
import { randomUUID } from 'node:crypto'
import type { Payload, Where } from 'payload'
import type { WechatToken } from '../../payload-types'
import type { StoredToken, TokenStore } from './token'

export interface PayloadTokenStoreOptions {
  /** Identifies this holder in `lockOwner`; defaults to a random id per store. */
  owner?: string
  /** A crashed holder's lock is taken over after this long. */
  lockTtlMs?: number
  /** Gives up waiting for the lock after this long. */
  lockWaitMs?: number
  pollMs?: number
  now?: () => number
}

export class PayloadTokenStore implements TokenStore {
  readonly owner: string
  private readonly lockTtlMs: number
  private readonly lockWaitMs: number
  private readonly pollMs: number
  private readonly now: () => number

  constructor(
    private readonly payload: Payload,
    options: PayloadTokenStoreOptions = {},
  ) {
    this.owner = options.owner ?? `${process.pid}-${randomUUID()}`
    this.lockTtlMs = options.lockTtlMs ?? 30_000
    this.lockWaitMs = options.lockWaitMs ?? 45_000
    this.pollMs = options.pollMs ?? 50
    this.now = options.now ?? Date.now
  }

  async get(appId: string): Promise<StoredToken | null> {
    const doc = await this.find(appId)
    if (!doc?.accessToken || !doc.expiresAt) return null
    return { accessToken: doc.accessToken, expiresAt: Date.parse(doc.expiresAt) }
  }

  async save(appId: string, token: StoredToken): Promise<void> {
    await this.ensureRow(appId)
    await this.payload.update({
      collection: 'wechat-tokens',
      where: { account: { equals: appId } },
      data: { accessToken: token.accessToken, expiresAt: new Date(token.expiresAt).toISOString() },
      overrideAccess: true,
      depth: 0,
    })
  }

  async withRefreshLock<T>(appId: string, fn: () => Promise<T>): Promise<T> {
    await this.ensureRow(appId)
    const deadline = this.now() + this.lockWaitMs
    while (!(await this.tryLock(appId))) {
      if (this.now() > deadline) throw new Error(`微信 access_token 刷新锁等待超时（${appId}）`)
      await new Promise((resolve) => setTimeout(resolve, this.pollMs))
    }
    try {
      return await fn()
    } finally {
      await this.unlock(appId)
    }
  }

  private async tryLock(appId: string): Promise<boolean> {
    const now = this.now()
    const free: Where = {
      or: [{ lockedUntil: { exists: false } }, { lockedUntil: { equals: null } }, { lockedUntil: { less_than: new Date(now).toISOString() } }],
    }
    const updated = await this.payload.db.updateOne({
      collection: 'wechat-tokens',
      where: { and: [{ account: { equals: appId } }, free] },
      data: { lockedUntil: new Date(now + this.lockTtlMs).toISOString(), lockOwner: this.owner },
      options: { atomic: true },
    })
    return Boolean(updated)
  }

  private async unlock(appId: string): Promise<void> {
    // Only our own lock: if it expired and someone took it over, theirs stays.
    await this.payload.db.updateOne({
      collection: 'wechat-tokens',
      where: { and: [{ account: { equals: appId } }, { lockOwner: { equals: this.owner } }] },
      data: { lockedUntil: null, lockOwner: null },
      options: { atomic: true },
    })
  }

  private async find(appId: string): Promise<WechatToken | null> {
    const result = await this.payload.find({
      collection: 'wechat-tokens',
      where: { account: { equals: appId } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      pagination: false,
    })
    return result.docs[0] ?? null
  }

  /** The account's row must exist before it can be locked; `account` is unique, so racing creators are fine. */
  private async ensureRow(appId: string): Promise<void> {
    if (await this.find(appId)) return
    try {
      await this.payload.create({ collection: 'wechat-tokens', data: { account: appId }, overrideAccess: true, depth: 0 })
    } catch (error) {
      if (!(await this.find(appId))) throw error
    }
  }
}
