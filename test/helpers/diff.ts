/** Where two texts differ: the common prefix and suffix, and the differing middles. */
export function changedSpan(before: string, after: string): {start: number; beforeEnd: number; afterEnd: number} {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < max - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return {start, beforeEnd: before.length - tail, afterEnd: after.length - tail};
}
