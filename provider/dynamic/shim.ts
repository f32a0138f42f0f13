import type * as pulumi from "@pulumi/pulumi";
import type { ProviderKind } from "./kinds";

/** The serialized provider: the kind's name and two forwarding methods. */
interface Shim extends pulumi.dynamic.ResourceProvider {
  /** The resource kind, a plain property so that no method captures a variable. */
  k: ProviderKind;
}

/**
 * The provider object that Pulumi serializes into state (`__provider`, stored twice per resource). It
 * holds only the kind's name and calls into the installed package by name at run time, so state stays
 * small (under 1 KB), holds no machine path and no secret, and fixes in the package apply to old stacks.
 *
 * The dynamic-provider host calls `configure` once per provider text and process, before any other
 * method (Pulumi 3.139+); `attach` then installs the real check/diff/create/read/update/delete on this
 * very object. Each serialized method costs about 250 bytes of wrapper, hence one method instead of
 * seven. `create` also forwards, so the object satisfies the ResourceProvider contract on its own.
 *
 * `require` is resolved by the host from the Pulumi project's `node_modules`; the entry it names is the
 * compatibility contract described in `v1.ts`.
 */
export function providerShim(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  const shim: Shim = {
    k: kind,
    configure(r) { return require("pulumi-sendmailos/dynamic/v1").attach(this, r); },
    create(i) { return require("pulumi-sendmailos/dynamic/v1").dispatch(this.k, "create", [i]); },
  };
  return shim;
}
