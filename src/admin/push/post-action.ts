import { errorsText } from '../api-errors'

/** What a push request answered: its Chinese `message` (or the errors'), and how it went. */
export interface ActionAnswer {
  /** 'success' when everything happened, 'warning' when only part did (207), 'error' otherwise. */
  tone: 'success' | 'warning' | 'error'
  message: string
}

/** POSTs `body` as JSON with the admin's cookie and reads the answer; never throws. */
export async function postPushRequest(path: string, body: Record<string, unknown>): Promise<ActionAnswer> {
  try {
    const response = await fetch(path, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    const answer = (await response.json().catch(() => ({}))) as { message?: string }
    const message = answer.message ?? errorsText(answer) ?? `HTTP ${response.status}`
    return { tone: response.status === 207 ? 'warning' : response.ok ? 'success' : 'error', message }
  } catch (error) {
    return { tone: 'error', message: (error as Error).message }
  }
}

const CARRIED = 'this-week-answer'

/** Keeps an answer across the page's refresh when the component that asked will not be there after it. */
export function carryAnswer(answer: ActionAnswer): void {
  try {
    sessionStorage.setItem(CARRIED, JSON.stringify(answer))
  } catch {
    // storage unavailable: the answer is still shown until the refresh
  }
}

/** The answer carried over by carryAnswer, once (it is removed when read). */
export function takeCarriedAnswer(): ActionAnswer | null {
  try {
    const text = sessionStorage.getItem(CARRIED)
    sessionStorage.removeItem(CARRIED)
    return text ? (JSON.parse(text) as ActionAnswer) : null
  } catch {
    return null
  }
}
