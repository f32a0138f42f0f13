/**
 * Acting on cue while a CLI command runs. A test that must do something in the middle of an operation
 * (mark a domain verified while `up` waits, interrupt `up` while it polls) does it when the emulator has
 * answered the request that shows the operation got there, never "N seconds after the command started":
 * how long the engine takes to get there depends on how busy the machine is.
 */
import type { AnsweredRequest, RunningEmulator } from "../../emulator";

/** Generous bound for an engine to reach a cue (start, program, the resources before): it only fails loudly. */
export const cueBoundMs = 5 * 60 * 1000;

/**
 * Matches a poll that a verification of `domainName` sends: a successful `GET /domains` (the provider's
 * shared list) answered while the domain exists. Nothing else lists domains during `up`.
 */
export function isPollOf(emulator: RunningEmulator, domainName: string): (request: AnsweredRequest) => boolean {
  const listPath = `${new URL(emulator.baseUrl).pathname}/domains`;
  return (request) =>
    request.method === "GET" &&
    request.path === listPath &&
    request.status === 200 &&
    emulator.domains().some((domain) => domain.domain_name === domainName);
}

/** What a cue's handler gets while its command runs. */
export interface Cue {
  /** Aborts once the command has ended, so that waiting for an event that can no longer come stops. */
  commandEnded: AbortSignal;
  /** Interrupts the command (SIGINT, then SIGKILL; see `runCommand`). */
  interrupt(): void;
}

/**
 * Runs `command` while `onCue` waits for its events and acts. Resolves with both results. When `onCue`
 * fails while the command runs (its event did not come within its bound, or an assertion in it failed),
 * the command is interrupted and that failure is thrown: it is the cause. When the command ends first
 * and fails, its own error is thrown; when it ends first and succeeds, the cue's "stopped waiting" is.
 */
export async function whileRunning<R, T>(
  command: (interrupt: AbortSignal) => Promise<R>,
  onCue: (cue: Cue) => Promise<T>,
): Promise<{ result: R; cued: T }> {
  const ended = new AbortController();
  const interrupt = new AbortController();
  let cueFailure: { error: unknown; whileRunning: boolean } | undefined;
  const cued = onCue({ commandEnded: ended.signal, interrupt: () => interrupt.abort() }).catch((error: unknown) => {
    cueFailure = { error, whileRunning: !ended.signal.aborted };
    interrupt.abort();
    return undefined;
  });
  let result: R;
  try {
    result = await command(interrupt.signal);
  } catch (error) {
    ended.abort(new Error("the command ended first"));
    await cued;
    throw cueFailure?.whileRunning ? cueFailure.error : error;
  }
  ended.abort(new Error("the command ended first"));
  const value = await cued;
  if (cueFailure) throw cueFailure.error;
  return { result, cued: value as T };
}
