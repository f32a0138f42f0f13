import { request } from "undici";
import { canonicalDnsName } from "../../sdk";
import { currentSettings } from "../runtime/context";

/** Inputs and state of an {@link EmulatorDnsRecord}. */
export interface EmulatorRecordState {
  name: string;
  type: string;
  value: string;
  ttl: number;
}

/**
 * Writes records into the local SendMailOS emulator's DNS zone through its admin endpoints, so that the
 * whole register-publish-verify flow runs offline. The emulator is found from `sendmailos:baseUrl`
 * (its admin endpoints live on the same origin); no address is kept in state, so a restarted emulator on
 * another port changes nothing.
 */
export const emulatorDnsRecordProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return { inputs: news, failures: [] };
  },
  async diff(_id: string, olds: EmulatorRecordState, news: EmulatorRecordState) {
    const replaces = olds.name !== news.name || olds.type !== news.type ? ["name"] : [];
    const changes = replaces.length > 0 || olds.value !== news.value || olds.ttl !== news.ttl;
    return { changes, replaces, deleteBeforeReplace: true };
  },
  async create(inputs: EmulatorRecordState) {
    await admin("PUT", inputs);
    return { id: `${inputs.name}/${inputs.type}`, outs: inputs };
  },
  async read(id: string, props: EmulatorRecordState) {
    const records = (await admin("GET")) as { records?: EmulatorRecordState[] } | EmulatorRecordState[];
    const list = Array.isArray(records) ? records : records.records ?? [];
    const live = list.find((r) => canonicalDnsName(r.name) === canonicalDnsName(props.name) && r.type === props.type);
    return live ? { id, props: { ...props, value: live.value } } : {};
  },
  async update(_id: string, _olds: EmulatorRecordState, news: EmulatorRecordState) {
    await admin("PUT", news);
    return { outs: news };
  },
  async delete(_id: string, props: EmulatorRecordState) {
    await admin("DELETE", { name: props.name, type: props.type });
  },
};

async function admin(method: "GET" | "PUT" | "DELETE", body?: unknown): Promise<unknown> {
  const baseUrl = currentSettings().baseUrl;
  if (!baseUrl) {
    throw new Error("Emulator DNS records need sendmailos:baseUrl (or SENDMAILOS_BASE_URL) to point at the local SendMailOS emulator.");
  }
  const url = new URL("/admin/dns/records", baseUrl);
  const response = await request(url, {
    method,
    headers: { "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) {
    throw new Error(`The emulator's DNS admin endpoint answered ${response.statusCode} to ${method} ${url.pathname}: ${text.slice(0, 300)}`);
  }
  return text === "" ? {} : JSON.parse(text);
}
