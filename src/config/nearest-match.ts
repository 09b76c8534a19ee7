/** Levenshtein distance, for "Perhaps you meant ...?" */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}

/** The closest candidate, if it is close enough to be a plausible typo (as difflib's 0.6 cutoff, roughly). */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const lower = value.toLowerCase()
  // A truncated name ('configure' for 'configure-args') is a typo however far the distance.
  const prefixed = (candidate: string) => lower.length >= 3 && (candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase()))
  const plausible = (distance: number, candidate: string) => distance <= Math.max(2, Math.floor(Math.max(value.length, candidate.length) / 3))
  let best: string | undefined
  let bestScore = Infinity
  for (const candidate of candidates) {
    const shared = prefixed(candidate)
    // The distance is at least the difference in length: a value far longer than every candidate (a
    // fuzzer's 100 000 characters took seconds per message) needs no distance computed to be refused.
    if (!shared && !plausible(Math.abs(lower.length - candidate.length), candidate)) continue
    // Ties go to the candidate that shares the prefix: '3.1' means '3.10' rather than '3.6'.
    const score = shared ? (lower === candidate.toLowerCase() ? 0 : 1) - 0.5 : editDistance(lower, candidate.toLowerCase())
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  if (best === undefined) return undefined
  return prefixed(best) || plausible(bestScore, best) ? best : undefined
}

export function perhaps(value: string, candidates: Iterable<string>): string {
  const match = closestMatch(value, candidates)
  return match ? ` Perhaps you meant '${match}'?` : ''
}
