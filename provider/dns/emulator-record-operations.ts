import { request } from "undici";
import { canonicalDnsName } from "../../sdk";
import { displayText } from "../../sdk/display";
import { checkInputs } from "../schema/check-inputs";
import { currentSettings, onReset } from "../runtime/context";
import type { PropertyChange, ResourceOperations } from "../runtime/operations";
import { emulatorRecordInputsSchema, type EmulatorRecordInputs } from "./emulator-record-schema";

/**
 * One record in the local SendMailOS emulator's DNS zone, written through its admin endpoints, so that the
 * whole register-publish-verify flow runs offline. The emulator is found from `sendmailos:baseUrl` (its
 * admin endpoints live on the same origin); no address is kept in state, so a restarted emulator on another
 * port changes nothing.
 */
export const emulatorRecordOperations: ResourceOperations<EmulatorRecordInputs, EmulatorRecordInputs> = {
  token: "sendmailos:index:EmulatorDnsRecord",

  async check(_olds, news) {
    return checkInputs(emulatorRecordInputsSchema, news);
  },

  async diff(_id, olds, news) {
    const properties: PropertyChange[] = [];
    for (const key of ["name", "type", "value", "ttl"] as const) {
      const replaces = key === "name" || key === "type";
      const changed = key === "name" ? canonicalDnsName(olds.name) !== canonicalDnsName(news.name) : olds[key] !== news[key];
      if (changed) properties.push({ path: key, kind: "update", replaces, input: true });
    }
    const replaces = properties.filter((p) => p.replaces).map((p) => p.path);
    return { changes: properties.length > 0, replaces, properties, deleteBeforeReplace: true };
  },

  async create(inputs) {
    zoneSnapshot = undefined;
    await admin("PUT", inputs);
    return { id: `${inputs.name}/${inputs.type}`, state: inputs };
  },

  async read(id, state) {
    const [name, type] = state.name !== undefined && state.type !== undefined ? [state.name, state.type] : splitId(id);
    const live = (await zone()).find((r) => canonicalDnsName(r.name) === canonicalDnsName(name) && r.type === type);
    if (!live) return undefined;
    const inputs = { name, type: live.type, value: live.value, ttl: live.ttl };
    return { id, state: inputs, inputs };
  },

  async update(_id, _olds, news) {
    zoneSnapshot = undefined;
    await admin("PUT", news);
    return news;
  },

  async delete(_id, state) {
    zoneSnapshot = undefined;
    await admin("DELETE", { name: state.name, type: state.type });
  },

  previewUpdate(_id, _olds, news) {
    return news;
  },
};

/** The zone as one request read it, shared by the reads of a refresh (hundreds of records, one request). */
let zoneSnapshot: Promise<EmulatorRecordInputs[]> | undefined;
onReset(() => (zoneSnapshot = undefined));

function zone(): Promise<EmulatorRecordInputs[]> {
  zoneSnapshot ??= (admin("GET") as Promise<{ records?: EmulatorRecordInputs[] }>).then(
    (body) => body.records ?? [],
    (error: unknown) => {
      zoneSnapshot = undefined;
      throw error;
    },
  );
  return zoneSnapshot;
}

function splitId(id: string): [string, EmulatorRecordInputs["type"]] {
  const at = id.lastIndexOf("/");
  return [id.slice(0, at), id.slice(at + 1) as EmulatorRecordInputs["type"]];
}

async function admin(method: "GET" | "PUT" | "DELETE", body?: unknown): Promise<unknown> {
  const baseUrl = currentSettings().baseUrl;
  if (!baseUrl) {
    throw new Error("Emulator DNS records need sendmailos:baseUrl (or SENDMAILOS_BASE_URL) to point at the local SendMailOS emulator.");
  }
  const url = new URL("/admin/dns/records", baseUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    throw new Error(
      `The emulator DNS target writes records into the local SendMailOS emulator, but sendmailos:baseUrl points at ${url.host}; ` +
        'use dns: { provider: "route53" | "cloudflare" | "none" } with the real SendMailOS.',
    );
  }
  const response = await request(url, {
    method,
    headers: { "content-type": "application/json" },
    signal: AbortSignal.timeout(30_000),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) {
    throw new Error(
      `The emulator's DNS admin endpoint answered ${response.statusCode} to ${method} ${url.pathname}: ${displayText(text, 300)}`,
    );
  }
  return text === "" ? {} : JSON.parse(text);
}
