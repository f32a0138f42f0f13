/**
 * Recognizing the local SendMailOS emulator behind `sendmailos:baseUrl`, so that a program pointed at it
 * works offline with no more settings: its DNS server is where the emulator DNS target publishes records.
 */
import { request } from "undici";

/**
 * The emulator's DNS server (`127.0.0.1:PORT`) when `baseUrl` is the local emulator, else undefined. Asks
 * its admin endpoint once (`GET /admin/dns`, loopback only), bounded to two seconds; never throws.
 */
export async function emulatorDnsAddress(baseUrl: string): Promise<string[] | undefined> {
  let url: URL;
  try {
    url = new URL("/admin/dns", baseUrl);
  } catch {
    return undefined;
  }
  // Only a server on this machine can be the local emulator; never send anything elsewhere.
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) return undefined;
  try {
    const response = await request(url, { method: "GET", signal: AbortSignal.timeout(2_000) });
    const body = (await response.body.json().catch(() => undefined)) as { address?: unknown } | undefined;
    if (response.statusCode !== 200 || typeof body?.address !== "string" || !/^127\.0\.0\.1:\d{1,5}$/.test(body.address)) return undefined;
    return [body.address];
  } catch {
    return undefined;
  }
}
