/**
 * glibc's `hypot` (2.35 on, built without FMA: Borges' corrected square root), which NumPy's
 * `hypot` calls: `Math.hypot` rounds differently in about a third of cases, and a gradient length
 * one unit in the last place off can move a Canny edge.
 */
export function glibcHypot(x: number, y: number): number {
  const a = Math.abs(x), b = Math.abs(y);
  const ax = a < b ? b : a, ay = a < b ? a : b;
  if (ay <= ax * 2 ** -54) return ax + ay;
  const h = Math.sqrt(ax * ax + ay * ay);
  let t1: number, t2: number;
  if (h <= 2 * ay) {
    const delta = h - ay;
    t1 = ax * (2 * delta - ax);
    t2 = (delta - 2 * (ax - ay)) * delta;
  } else {
    const delta = h - ax;
    t1 = 2 * delta * (ax - 2 * ay);
    t2 = (4 * delta - ay) * ay + delta * delta;
  }
  return h - (t1 + t2) / (2 * h);
}
