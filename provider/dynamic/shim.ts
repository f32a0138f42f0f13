import type * as pulumi from "@pulumi/pulumi";
import type { ProviderKind } from "./kinds";

/** The serialized provider: the kind's name and one method that installs the others. */
interface Shim {
  /** The resource kind, a plain property so that no method captures a variable. */
  k: ProviderKind;
  configure(request: pulumi.dynamic.ConfigureRequest): Promise<void>;
}

const shims = new Map<ProviderKind, pulumi.dynamic.ResourceProvider>();

/**
 * The provider object that Pulumi serializes into state (`__provider`, stored twice per resource). It
 * holds only the kind's name and calls into the installed package by name at run time, so state stays
 * small (about 600 bytes), holds no machine path and no secret, and fixes in the package apply to old stacks.
 *
 * The dynamic-provider host calls `configure` once per provider text and process, before any other
 * method (Pulumi 3.139+); `attach` then installs the real check/diff/create/read/update/delete on this
 * very object. Every serialized method costs about 270 bytes of wrapper in every resource's state, hence
 * one method. One object per kind, so that the SDK serializes it once per program, not once per resource.
 *
 * `require` is resolved by the host from the Pulumi project's `node_modules`; the entry it names is the
 * compatibility contract described in `v1.ts`.
 */
export function providerShim(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (!shim) {
    const object: Shim = {
      k: kind,
      configure(r) {
        return require("pulumi-sendmailos/dynamic/v1").attach(this, r);
      },
    };
    // `create` arrives with `configure`, before the host calls any method: the contract holds at run time.
    shim = object as unknown as pulumi.dynamic.ResourceProvider;
    shims.set(kind, shim);
  }
  return shim;
}
