/**
 * The `context` flag the push sets when it changes a push or its items itself (assembling, sending,
 * settling, voiding a sign-off): the people-facing guards (collections/weekly-pushes/hooks.ts, the
 * content hooks) stand aside for such a write. Pass it as `context: { [PUSH_SYSTEM_CONTEXT]: true }`.
 */
export const PUSH_SYSTEM_CONTEXT = 'pushSystem'
