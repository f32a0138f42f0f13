import { connect } from "node:net";
import { engineAddressOf } from "./engine-log";

/** How the watchdog checks and what it does when the engine is gone. */
export interface WatchdogOptions {
  /** The engine's gRPC address; by default the one the dynamic-provider host was started with. */
  address?: string | undefined;
  /** @default 5000 */
  intervalMs?: number;
  /** Consecutive failed checks before giving up. @default 2 */
  failures?: number;
  /** @default exits the process */
  onGone?: () => void;
}

/**
 * Ends the provider process when the Pulumi engine that started it is gone. A CLI killed hard (a second
 * Ctrl-C, a CI timeout) cannot stop its plugins, and the dynamic-provider host runs in its own process
 * group: without this, a verification wait would go on polling SendMailOS, spending the shared rate
 * limit, until its timeout. The check is a TCP connect to the engine's address.
 *
 * @returns a function that stops the watchdog; a no-op when there is no engine to watch.
 */
export function startEngineWatchdog(options: WatchdogOptions = {}): () => void {
  const address = "address" in options ? options.address : engineAddressOf(process.argv);
  if (!address) return () => undefined;
  const separator = address.lastIndexOf(":");
  const host = address.slice(0, separator).replace(/^\[|\]$/g, "");
  const port = Number(address.slice(separator + 1));
  const limit = options.failures ?? 2;
  const onGone = options.onGone ?? (() => process.exit(1));
  let failed = 0;
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    const socket = connect({ host, port });
    const done = (alive: boolean) => {
      socket.destroy();
      checking = false;
      failed = alive ? 0 : failed + 1;
      if (failed >= limit) {
        clearInterval(timer);
        onGone();
      }
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  }, options.intervalMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
