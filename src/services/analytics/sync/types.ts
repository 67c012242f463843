import type { DAY_ENDPOINTS } from './endpoints'

export type DayEndpointName = (typeof DAY_ENDPOINTS)[number]
