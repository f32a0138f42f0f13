/** THE definition of an `EmulatorDnsRecord`'s inputs: one record in the local emulator's DNS zone. */
import { z } from "zod";
import { documented } from "../schema/doc";
import { identifierField, ttlField } from "../schema/fields";
import { emulatorDefaultTtl } from "./dns-target-schema";

/** The `EmulatorDnsRecord` resource's inputs. */
export const emulatorRecordInputsSchema = z.strictObject({
  name: documented(identifierField("name"), { description: "Owner name, e.g. `abc._domainkey.acme.com`.", replaces: true }),
  type: documented(
    z.enum(["CNAME", "A", "TXT"], { error: (issue) => `must be "CNAME", "A" or "TXT", got ${JSON.stringify(issue.input) ?? "nothing"}` }),
    { description: "Record type.", replaces: true },
  ),
  value: documented(identifierField("value"), { description: "The CNAME target, IPv4 address or text." }),
  ttl: documented(ttlField(0, 2_147_483_647).default(emulatorDefaultTtl), { description: "TTL in seconds." }),
});

/** An `EmulatorDnsRecord`'s inputs after `check`; also its state. */
export type EmulatorRecordInputs = z.output<typeof emulatorRecordInputsSchema>;

/** What an `EmulatorDnsRecord` reports besides its inputs: nothing more. */
export const emulatorRecordOutputsSchema = z.object({});
