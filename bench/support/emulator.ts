/** Starting emulators for benchmarks and registering many domains in them quickly. */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { SendMailOSClient, type Domain } from "../../sdk";
import { forEachLimited } from "./pool";

/**
 * Starts an emulator on free ports with manual verification (nothing changes status unless a
 * benchmark says so) and no request log, then applies `options`.
 */
export function startBenchEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ verification: { mode: "manual" }, ...options });
}

/**
 * Registers `count` domains named `<prefix>-<i>.example.com` through an unpaced client, `concurrency`
 * at a time, and returns them. The emulator must not rate-limit creates beyond `count`.
 */
export async function registerDomains(emulator: RunningEmulator, count: number, prefix: string, concurrency = 20): Promise<Domain[]> {
  const client = new SendMailOSClient({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, rateLimits: false });
  const domains: Domain[] = new Array(count);
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}.example.com`);
  try {
    await forEachLimited(names, concurrency, async (domain, i) => {
      domains[i] = (await client.createDomain({ domain })).domain;
    });
  } finally {
    await client.close();
  }
  return domains;
}
