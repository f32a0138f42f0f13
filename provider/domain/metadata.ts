/** Compares two metadata maps by content; key order and absent-versus-empty never count as a change. Pure. */
export function sameMetadata(a: Record<string, string> | null | undefined, b: Record<string, string> | null | undefined): boolean {
  const left = a ?? {};
  const right = b ?? {};
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((k) => Object.hasOwn(right, k) && left[k] === right[k]);
}
