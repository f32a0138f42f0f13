/**
 * The error of arguments refused in a program, apart from the zod-based checking (`program-args.ts`) so that
 * the package's public declarations can export it without reaching zod.
 */

/** Arguments refused in a program; the message lists every failure with its fix. */
export class InvalidArgumentsError extends Error {
  /** @param what e.g. `VerifiedDomain acme.com` @param reasons one per failure */
  constructor(
    what: string,
    readonly reasons: string[],
  ) {
    super(`${what}: ${reasons.length === 1 ? reasons[0] : `\n${reasons.map((r) => `  - ${r}`).join("\n")}`}`);
    this.name = "InvalidArgumentsError";
  }
}
