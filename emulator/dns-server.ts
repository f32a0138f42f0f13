/**
 * An authoritative DNS server on 127.0.0.1 (UDP, via dns2) answering from the emulator's zone. The
 * verifier resolves DKIM records through it with Node's own resolver, so verification exercises real
 * DNS over loopback rather than a shortcut into the zone.
 */
import dns2 from "dns2";
import { canonicalDnsName } from "../sdk/dns-records";
import type { DnsRecord, DnsZone } from "./dns-zone";

const { Packet } = dns2;

/** RFC 1035 §4.1.1 response codes used here (dns2 has them at runtime but not in its typings). */
const rcode = { noError: 0, formErr: 1, nxDomain: 3, notImp: 4 } as const;
/** RFC 1035 §4.1.1 opcode of a standard query. */
const standardQuery = 0;
/** Longest CNAME chain followed inside the zone before giving up (loops are possible). */
const maxChain = 8;

/** A running DNS server. */
export interface RunningDnsServer {
  port: number;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1:`port` (0 = a free port). */
export async function startDnsServer(zone: DnsZone, port: number): Promise<RunningDnsServer> {
  const server = dns2.createUDPServer((request, send) => {
    // Never let one odd packet take the emulator down: a failed answer is just a timeout for the client.
    send(answer(zone, request)).catch(() => {});
  });
  server.on("requestError", () => {}); // unparsable datagrams are dropped, like any server would
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    void server.listen(port, "127.0.0.1").then(() => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: server.address().port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Builds the response to a query from the zone. Exported for unit tests. */
export function answer(zone: DnsZone, request: dns2.Packet): dns2.Packet {
  const response = Packet.createResponseFromRequest(request);
  response.header.aa = 1; // authoritative: there is no one else to ask
  const question = request.questions[0];
  if (request.header.opcode !== standardQuery) {
    response.header.rcode = rcode.notImp;
    return response;
  }
  if (!question || request.questions.length !== 1) {
    response.header.rcode = rcode.formErr;
    return response;
  }
  if (!zone.exists(question.name)) {
    response.header.rcode = rcode.nxDomain;
    return response;
  }

  // Follow CNAMEs inside the zone for any type but CNAME itself, as an authoritative server does
  // (RFC 1034 §4.3.2 step 3a); targets outside the zone are left to the client.
  let name = question.name;
  for (let hop = 0; hop < maxChain; hop++) {
    const records = zone.lookup(name);
    const alias = records.find((record) => record.type === "CNAME");
    if (alias && question.type !== Packet.TYPE.CNAME && question.type !== Packet.TYPE.ANY) {
      response.answers.push(resource(name, alias));
      name = alias.value;
      continue;
    }
    for (const record of records) {
      if (question.type === Packet.TYPE.ANY || question.type === Packet.TYPE[record.type]) {
        response.answers.push(resource(name, record));
      }
    }
    break;
  }
  return response;
}

function resource(name: string, record: DnsRecord): dns2.Packet.Resource {
  const rr = new Packet.Resource(canonicalDnsName(name), Packet.TYPE[record.type], Packet.CLASS.IN, record.ttl);
  switch (record.type) {
    case "CNAME":
      return Object.assign(rr, { domain: record.value });
    case "A":
      return Object.assign(rr, { address: record.value });
    case "TXT":
      // A character-string holds at most 255 octets (RFC 1035 §3.3); longer values are split. dns2
      // accepts Buffers here although its typings only mention strings.
      return Object.assign(rr, { data: chunks(record.value, 255) as unknown as string[] });
  }
}

/** Splits on octets, not characters; dns2 writes Buffers as they are, so no UTF-8 sequence is re-encoded. */
function chunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, "utf8");
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return parts;
}
