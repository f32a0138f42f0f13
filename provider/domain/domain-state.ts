import type { Domain } from "../../sdk";
import type { DomainInputs } from "./domain-schema";

/**
 * What a `Domain` keeps in Pulumi state: its checked inputs plus what SendMailOS reports (the sdk's
 * `Domain`, with its `id` as `domainId`). `externalId` and `metadata` hold the live values, so drift
 * made outside Pulumi shows up in the next diff.
 */
export type DomainState = Omit<DomainInputs, "externalId" | "metadata"> &
  Omit<Domain, "id"> & {
    /** SendMailOS id of the domain (also the resource id). */
    domainId: string;
    /** True when the domain existed in SendMailOS before and was taken over with `adoptExisting`. */
    adopted: boolean;
  };
