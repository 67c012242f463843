/**
 * The one `context` flag of a weekly push: set by the push store (src/services/push/store.ts) on the only
 * write it makes through Payload's own operations (creating the week's push, so the unique key,
 * defaults and validation apply), so that the collection's people-facing hooks
 * (collections/weekly-pushes/hooks.ts: the guard and the item-state sync) stand aside — the store
 * sets the item states itself. Every other write of the store is a compare-and-set through the
 * database adapter, which runs no hooks and needs no flag. Nothing else should set it (tests that
 * stage a push by hand do). Pass it as `context: { [PUSH_SYSTEM_CONTEXT]: true }`.
 */
export const PUSH_SYSTEM_CONTEXT = 'pushSystem'
