/**
 * The emulator publishes plain types (`emulator/public-types.ts`) so that users' compilers need no zod; its
 * code validates with zod schemas. This file does not compile when the two disagree: each check below is
 * `true` only when the plain type and the schema's type are assignable both ways.
 */
import { strict as assert } from "node:assert";
import type { z } from "zod";
import type { adminDomainView } from "../../emulator/admin";
import type { dnsRecordInputSchema } from "../../emulator/dns-zone";
import type { faultSpecSchema } from "../../emulator/faults";
import type { ActiveFault, AdminDomain, DnsRecordInput, FaultSpec, ResolvedFault } from "../../emulator/public-types";
import type { ActiveFault as RegistryFault } from "../../emulator/faults";

/** `true` when A and B are assignable to each other, else `false`. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const agreement = {
  dnsRecordInput: true satisfies Same<DnsRecordInput, z.input<typeof dnsRecordInputSchema>>,
  faultSpec: true satisfies Same<FaultSpec, z.input<typeof faultSpecSchema>>,
  resolvedFault: true satisfies Same<ResolvedFault, z.output<typeof faultSpecSchema>>,
  activeFault: true satisfies Same<ActiveFault, RegistryFault>,
  adminDomain: true satisfies Same<AdminDomain, ReturnType<typeof adminDomainView>>,
};

describe("emulator public types", () => {
  it("agree with the schemas the emulator validates with (checked by the compiler)", () => {
    assert.deepEqual(Object.values(agreement), [true, true, true, true, true]);
  });
});
