/**
 * The deletion policies of a `Domain`, apart from its zod schema (`domain-schema.ts` builds its enum from
 * this list) so that the package's public declarations can export the type without reaching zod.
 */

/** What may happen to the SendMailOS domain when the resource is deleted or replaced. */
export const deletionPolicies = ["delete", "retain"] as const;
/** `"delete"` removes the domain from SendMailOS; `"retain"` leaves it registered and Pulumi only forgets it. */
export type DeletionPolicy = (typeof deletionPolicies)[number];
