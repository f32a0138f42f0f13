import { strict as assert } from "node:assert";
import { Domain as DynamicDomain, type DomainArgs } from "../../provider/domain/domain";
import { domainComputedOutputs, type DomainOutputs } from "../../provider/domain/domain-outputs";
import { DomainVerification as NativeDomainVerification, Domain as NativeDomain } from "../../provider/native/resources";
import { withOutputs } from "../../provider/schema/declared-outputs";
import {
  DomainVerification as DynamicDomainVerification,
  type DomainVerificationArgs,
} from "../../provider/verification/domain-verification";
import { verificationComputedOutputs, type DomainVerificationOutputs } from "../../provider/verification/domain-verification-outputs";

/** `true` when a class instance has exactly the declared type for every output (checked by the compiler). */
type HasOutputs<Instance, Outputs> = {
  [K in keyof Outputs]: K extends keyof Instance ? (Instance[K] extends Outputs[K] ? true : false) : false;
};
type AllTrue<T> = T[keyof T] extends true ? true : false;

/** Every output is either computed by the provider or an input it echoes: nothing is declared from nowhere. */
type Unaccounted<Outputs, Computed extends readonly PropertyKey[], Args> = Exclude<keyof Outputs, Computed[number] | keyof Args>;

// Compile-time checks: `npm run build` fails when one of these is not `true` / `never`.
const dynamicDomain: AllTrue<HasOutputs<DynamicDomain, DomainOutputs>> = true;
const nativeDomain: AllTrue<HasOutputs<NativeDomain, DomainOutputs>> = true;
const dynamicVerification: AllTrue<HasOutputs<DynamicDomainVerification, DomainVerificationOutputs>> = true;
const nativeVerification: AllTrue<HasOutputs<NativeDomainVerification, DomainVerificationOutputs>> = true;
const domainOutputsAccounted: [Unaccounted<DomainOutputs, typeof domainComputedOutputs, DomainArgs>] extends [never] ? true : false = true;
const verificationOutputsAccounted: [
  Unaccounted<DomainVerificationOutputs, typeof verificationComputedOutputs, DomainVerificationArgs>,
] extends [never]
  ? true
  : false = true;

describe("declared outputs, one declaration for the dynamic and the native classes", () => {
  it("type-checks: both Domain and both DomainVerification classes have every output, each computed or an echoed input", () => {
    assert.deepEqual(
      [dynamicDomain, nativeDomain, dynamicVerification, nativeVerification, domainOutputsAccounted, verificationOutputsAccounted],
      [true, true, true, true, true, true],
    );
  });

  it("declares each computed output as an undefined input and keeps the arguments as they are", () => {
    const args = { domain: "acme.com", metadata: { team: "a" } };
    const declared = withOutputs(args, domainComputedOutputs);
    assert.deepEqual(Object.keys(declared), ["domain", "metadata", ...domainComputedOutputs]);
    for (const name of domainComputedOutputs) assert.equal(declared[name], undefined);
    assert.equal(declared.metadata, args.metadata);
    assert.deepEqual(args, { domain: "acme.com", metadata: { team: "a" } }, "the arguments are not changed");
  });
});
