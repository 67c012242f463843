/** Custom menu: create / get / delete with WeChat's 40016–40027 validation. */
import { wxError, wxOk } from './errors'
import { asRecord, asString, byteLength, type Route } from './context'

const MAX_BUTTONS = 3
const MAX_SUB_BUTTONS = 5
const TOP_NAME_MAX_BYTES = 16
const SUB_NAME_MAX_BYTES = 60
const KEY_MAX_BYTES = 128
const URL_MAX_BYTES = 1024

const KEY_TYPES = new Set(['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select'])
const URL_TYPES = new Set(['view', 'miniprogram'])
const MEDIA_TYPES = new Set(['media_id', 'view_limited'])
const ARTICLE_TYPES = new Set(['article_id', 'article_view_limited'])

/** The same checks apply at both levels, with different codes and name limits. */
interface LevelCodes {
  type: number
  name: number
  key: number
  url: number
  nameMaxBytes: number
}
const TOP: LevelCodes = { type: 40017, name: 40018, key: 40019, url: 40020, nameMaxBytes: TOP_NAME_MAX_BYTES }
const SUB: LevelCodes = { type: 40024, name: 40025, key: 40026, url: 40027, nameMaxBytes: SUB_NAME_MAX_BYTES }

function checkLeaf(button: Record<string, unknown>, codes: LevelCodes): number {
  const type = asString(button.type)
  if (!type) return codes.type
  const key = asString(button.key) ?? ''
  const url = asString(button.url) ?? ''
  if (KEY_TYPES.has(type)) {
    if (key === '' || byteLength(key) > KEY_MAX_BYTES) return codes.key
  } else if (URL_TYPES.has(type)) {
    if (url === '' || byteLength(url) > URL_MAX_BYTES) return codes.url
    if (type === 'miniprogram' && (!asString(button.appid) || !asString(button.pagepath))) return codes.type
  } else if (MEDIA_TYPES.has(type)) {
    if (!asString(button.media_id)) return codes.type
  } else if (ARTICLE_TYPES.has(type)) {
    if (!asString(button.article_id)) return codes.type
  } else {
    return codes.type
  }
  return 0
}

function checkName(button: Record<string, unknown>, codes: LevelCodes): number {
  const name = asString(button.name) ?? ''
  return name === '' || byteLength(name) > codes.nameMaxBytes ? codes.name : 0
}

/** Returns 0 when the menu is acceptable, else the errcode WeChat would answer. */
export function validateMenu(menu: unknown): number {
  const buttons = asRecord(menu)?.button
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > MAX_BUTTONS) return 40016
  for (const raw of buttons) {
    const button = asRecord(raw)
    if (!button) return 40017
    const nameError = checkName(button, TOP)
    if (nameError) return nameError
    if (button.sub_button === undefined || (Array.isArray(button.sub_button) && button.sub_button.length === 0)) {
      const leafError = checkLeaf(button, TOP)
      if (leafError) return leafError
      continue
    }
    if (!Array.isArray(button.sub_button) || button.sub_button.length > MAX_SUB_BUTTONS) return 40023
    for (const rawSub of button.sub_button) {
      const sub = asRecord(rawSub)
      if (!sub) return 40024
      // Menus have two levels only.
      if (Array.isArray(sub.sub_button) && sub.sub_button.length > 0) return 40022
      const subError = checkName(sub, SUB) || checkLeaf(sub, SUB)
      if (subError) return subError
    }
  }
  return 0
}

const createMenu: Route = {
  method: 'POST',
  path: '/cgi-bin/menu/create',
  auth: 'access_token',
  body: 'json',
  handle(request) {
    const errcode = validateMenu(request.json)
    if (errcode) return { body: wxError(errcode) }
    request.account!.menu = { button: structuredClone(request.json.button as unknown[]) }
    return { body: wxOk() }
  },
}

const getMenu: Route = {
  method: 'GET',
  path: '/cgi-bin/menu/get',
  auth: 'access_token',
  handle(request) {
    const menu = request.account!.menu
    return { body: menu ? { menu: structuredClone(menu) } : wxError(46003) }
  },
}

const deleteMenu: Route = {
  method: 'GET',
  path: '/cgi-bin/menu/delete',
  auth: 'access_token',
  handle(request) {
    request.account!.menu = null
    return { body: wxOk() }
  },
}

export const menuRoutes: Route[] = [createMenu, getMenu, deleteMenu]
