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
  let best: string | undefined
  let bestScore = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase())
    // Ties go to the candidate that shares the prefix: '3.1' means '3.10' rather than '3.6'.
    const score = prefixed(candidate) ? Math.min(distance, 1) - 0.5 : distance
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  if (best === undefined) return undefined
  return prefixed(best) || bestScore <= Math.max(2, Math.floor(Math.max(value.length, best.length) / 3)) ? best : undefined
}

export function perhaps(value: string, candidates: Iterable<string>): string {
  const match = closestMatch(value, candidates)
  return match ? ` Perhaps you meant '${match}'?` : ''
}
