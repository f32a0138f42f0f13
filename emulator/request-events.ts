/**
 * Observation of the API traffic, as events: a test can act when the emulator has answered a given
 * request (for instance "the second poll that saw this domain pending") instead of guessing when that
 * happens from the wall clock, which shifts as soon as the machine is busy. Only API requests are
 * reported; admin calls are the test's own doing.
 */

/** One API request the emulator has answered (or reset, when a fault said so). */
export interface AnsweredRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The path without query string, e.g. `/api/v1/domains` (the raw target when it is not a URL path). */
  path: string;
  /** The status sent, or `"reset"` when the connection was destroyed instead. */
  status: number | "reset";
  /** `Date.now()` when the reply was handed to the socket. */
  at: number;
}

/** Called after each answered API request. */
export type RequestListener = (request: AnsweredRequest) => void;

/** How long {@link RequestEvents.next} waits, and what for (for the message when it gives up). */
export interface NextRequestOptions {
  /** Upper bound: past it the promise rejects, naming `description`. */
  timeoutMs: number;
  /** What is awaited, e.g. "the first poll of acme.example". @default "a matching request" */
  description?: string;
  /** Stops waiting (the promise rejects) when aborted, e.g. because the command that would send it ended. */
  signal?: AbortSignal;
}

/** The listeners of the answered API requests. */
export class RequestEvents {
  private readonly listeners = new Set<RequestListener>();

  /** Reports one answered request to every listener (called by the HTTP server). */
  answered(request: AnsweredRequest): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(request);
      } catch (error) {
        // The server must keep serving, and a listener's failure (usually a test's assertion) must still be
        // seen: it is thrown outside the request pipeline, where it becomes an uncaught exception.
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }

  /** Calls `listener` after each answered API request; returns the function that unsubscribes it. */
  subscribe(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The next answered request for which `match` returns true. Rejects when `options.timeoutMs` passes or
   * `options.signal` aborts first, naming what was awaited.
   */
  next(match: (request: AnsweredRequest) => boolean, options: NextRequestOptions): Promise<AnsweredRequest> {
    const description = options.description ?? "a matching request";
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const finish = (settle: () => void) => {
        unsubscribe();
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        settle();
      };
      const unsubscribe = this.subscribe((request) => {
        let matched: boolean;
        try {
          matched = match(request);
        } catch (error) {
          finish(() => reject(error));
          return;
        }
        if (matched) finish(() => resolve(request));
      });
      const timer = setTimeout(
        () => finish(() => reject(new Error(`emulator: no ${description} within ${options.timeoutMs} ms`))),
        options.timeoutMs,
      );
      const onAbort = () =>
        finish(() =>
          reject(new Error(`emulator: stopped waiting for ${description} after ${Date.now() - started} ms: ${reasonOf(options.signal)}`)),
        );
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener("abort", onAbort);
    });
  }
}

function reasonOf(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason.message : String(reason ?? "aborted");
}
