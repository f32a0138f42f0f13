/** Time bounds for benchmark steps, so that no benchmark can hang the run. */

/** Thrown when a step overruns its bound. */
export class DeadlineError extends Error {}

/**
 * Resolves like `promise`, or rejects with a {@link DeadlineError} after `limitMs`.
 * The step itself is not cancelled; the caller stops what it started.
 */
export async function withDeadline<T>(promise: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} took longer than ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([promise, overrun]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `delayMs`. */
export function sleep(delayMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, delayMs));
}
