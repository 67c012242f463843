export { startEmulator, type StartEmulatorOptions, type WeChatEmulator } from './server'
export { DEMO_ACCOUNT, type EmulatorAccountConfig } from './state'
export type { RequestLogEntry } from './log'
export type { SimulatedUserMessage } from './message'
