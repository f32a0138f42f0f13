/**
 * The dynamic-provider door: a resource kind's operations in the shape `pulumi.dynamic.ResourceProvider`
 * expects. It translates and nothing more: `__provider` is kept out of the inputs the core checks, a
 * replacement warning is shown through the provider log, and partial failures keep the shape the host
 * recognizes (see `PartialFailure`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { providerLog } from "../runtime/log";
import type { ResourceOperations } from "../runtime/operations";
import { forEngine } from "../schema/issues";

/** The property in which Pulumi stores a dynamic provider's serialized code. */
export const providerKey = "__provider";

/** Door-specific additions to a kind's inputs (the Domain carries its stable outputs, see `known-outputs.ts`). */
export interface DynamicHooks<S> {
  /** Extra inputs after a successful check, given the previous inputs. */
  afterCheck?(olds: Record<string, unknown>, inputs: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Extra inputs after a read, given the state read. */
  afterRead?(state: S): Record<string, unknown>;
}

/** The dynamic provider of one resource kind. */
export function dynamicProvider<I, S>(operations: ResourceOperations<I, S>, hooks: DynamicHooks<S> = {}) {
  return {
    async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
      const { [providerKey]: _provider, ...inputs } = news;
      const checked = await operations.check(olds, inputs);
      if (checked.failures.length > 0) return { inputs: checked.inputs, failures: forEngine(checked.failures) };
      if (!hooks.afterCheck) return checked;
      return { inputs: { ...checked.inputs, ...(await hooks.afterCheck(olds, checked.inputs)) }, failures: [] };
    },
    async diff(id: string, olds: S, news: I) {
      const decision = await operations.diff(id, olds, news);
      if (decision.warning) await providerLog().warn(decision.warning);
      return { changes: decision.changes, replaces: decision.replaces, deleteBeforeReplace: decision.deleteBeforeReplace };
    },
    async create(inputs: I) {
      const { id, state } = await operations.create(inputs, {});
      return { id, outs: state };
    },
    async read(id: string, props: S) {
      const found = await operations.read(id, props);
      if (!found) return {};
      return { id: found.id, props: found.state, inputs: { ...found.inputs, ...(hooks.afterRead?.(found.state) ?? {}) } };
    },
    async update(id: string, olds: S, news: I) {
      return { outs: await operations.update(id, olds, news, {}) };
    },
    async delete(id: string, props: S) {
      await operations.delete(id, props);
    },
  } satisfies pulumi.dynamic.ResourceProvider;
}
