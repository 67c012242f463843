/**
 * The field validator of the settings' counts (days, limits): empty, or a whole number from `min` to
 * `max` inclusive; otherwise the Chinese reason 「应为 1 到 15 的整数」. Shared by the settings globals
 * (预约设置, 微问政设置, 好差评设置), whose numbers all follow this one rule.
 */
export const wholeNumberBetween =
  (min: number, max: number) =>
  (value: unknown): true | string =>
    value == null || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) ? true : `应为 ${min} 到 ${max} 的整数`
