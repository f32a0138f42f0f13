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

/** `true` when a class instance has, for every output, a property assignable to the declared type. */
type HasOutputs<Instance, Outputs> = {
  [K in keyof Outputs]: K extends keyof Instance ? (Instance[K] extends Outputs[K] ? true : false) : false;
};
type AllTrue<T> = T[keyof T] extends true ? true : false;

/** Every output is either computed by the provider or an input it echoes: nothing is declared from nowhere. */
type Unaccounted<Outputs, Computed extends readonly PropertyKey[], Args> = Exclude<keyof Outputs, Computed[number] | keyof Args>;

// Checked by the compiler, not at run time: `npm test` builds first, and each line fails to compile (`true` is not
// assignable to `false`) when a class lacks an output or an output is neither computed nor an input.
true satisfies AllTrue<HasOutputs<DynamicDomain, DomainOutputs>>;
true satisfies AllTrue<HasOutputs<NativeDomain, DomainOutputs>>;
true satisfies AllTrue<HasOutputs<DynamicDomainVerification, DomainVerificationOutputs>>;
true satisfies AllTrue<HasOutputs<NativeDomainVerification, DomainVerificationOutputs>>;
true satisfies [Unaccounted<DomainOutputs, typeof domainComputedOutputs, DomainArgs>] extends [never] ? true : false;
true satisfies [Unaccounted<DomainVerificationOutputs, typeof verificationComputedOutputs, DomainVerificationArgs>] extends [never]
  ? true
  : false;

describe("declared outputs, one declaration for the dynamic and the native classes", () => {
  it("declares each computed output as an undefined input and keeps the arguments as they are", () => {
    const args = { domain: "acme.com", metadata: { team: "a" } };
    const declared = withOutputs(args, domainComputedOutputs);
    assert.deepEqual(Object.keys(declared), ["domain", "metadata", ...domainComputedOutputs]);
    for (const name of domainComputedOutputs) assert.equal(declared[name], undefined);
    assert.equal(declared.metadata, args.metadata);
    assert.deepEqual(args, { domain: "acme.com", metadata: { team: "a" } }, "the arguments are not changed");
  });
});
