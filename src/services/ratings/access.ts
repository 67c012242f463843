/**
 * Who reads ratings and rectification items (issue #14, like the appointments' rule of issue 13):
 *
 * - admins and leaders: every rating and item (leaders supervise; they review appeals);
 * - staff of an office (`users.offices`): the ratings and items of that office;
 * - anyone else: nothing.
 *
 * The resident's openid is a read-guarded field (`ratingPersonalField`): admins and staff of the
 * rating's office only — not leaders (they get `openidMasked`), so the rule holds through REST, GraphQL
 * and the Local API with `overrideAccess: false`. Nobody writes either collection through the API:
 * ratings are written by rate.ts, items by rectify.ts and escalate.ts.
 */
import type { Access, FieldAccess, PayloadRequest } from 'payload'
import { roleOf } from '../../access/roles'
import { mayHandleOffice, readAppointments } from '../appointments/access'

/**
 * The ratings (and rectification items, which copy their rating's office) `req.user` may read: the
 * appointments' rule, as both are an office's records — admins and leaders all, staff their offices'.
 */
export const readRatings: Access = readAppointments

/**
 * Read access of the resident's openid on a rating: admins and staff of the rating's office. Without a
 * document (a query path check) only admins pass, so nobody else can filter or sort by it.
 */
export const ratingPersonalField: FieldAccess = ({ req, doc }) => mayHandleOffice(req.user, (doc as { office?: unknown } | undefined)?.office)

/** True for admins and leaders: who approve a comment or a fix for the public page. */
export function mayPublish(user: PayloadRequest['user'] | undefined | null): boolean {
  const role = roleOf(user)
  return role === 'admin' || role === 'leader'
}

/** The openid as lists show it: the first 4 and last 4 characters (o6_b****Xy0k); short values entirely masked. */
export function maskOpenid(openid: string): string {
  return openid.length > 10 ? `${openid.slice(0, 4)}****${openid.slice(-4)}` : '****'
}
