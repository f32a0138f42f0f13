/**
 * Errors raised by the Pulumi resources (the API client's errors live in `pulumi-sendmailos/sdk`).
 * Each message says what happened and what to do; none ever contains the API key.
 */

/** Base class of every resource-layer error. */
export class SendMailOSResourceError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** No API key in stack config or environment. */
export class MissingApiKeyError extends SendMailOSResourceError {
  constructor() {
    super(
      "MISSING_API_KEY",
      "No SendMailOS API key is configured. Run `pulumi config set --secret sendmailos:apiKey <your key>` " +
        "(or export SENDMAILOS_API_KEY for this shell) and try again.",
    );
  }
}

/** The domain exists in the workspace and the resource was not told to adopt it. */
export class DomainAlreadyRegisteredError extends SendMailOSResourceError {
  /**
   * @param domain the domain name
   * @param workspace its workspace, when not the default
   * @param existingId the id of the existing registration, when it could be looked up
   */
  constructor(domain: string, workspace: string | undefined, existingId?: string) {
    super(
      "DOMAIN_ALREADY_REGISTERED",
      `${domain} is already registered in SendMailOS${workspace ? ` (workspace ${workspace})` : ""}` +
        `${existingId ? ` as ${existingId}` : ""}, probably by hand or by another stack. To manage that registration from this ` +
        "stack, set `adoptExisting: true` on the Domain (its DKIM tokens are kept; externalId and metadata are brought in " +
        "line with your program), or, with the native provider, import it: " +
        `\`pulumi import sendmailos:index:Domain <name> ${existingId ?? "<domain id>"}\`.`,
    );
  }
}

/** An in-place change that the server cannot apply (it lacks the assumed PATCH endpoint). */
export class UpdateNotSupportedError extends SendMailOSResourceError {
  constructor(domain: string, properties: string[], cause: string) {
    super(
      "UPDATE_NOT_SUPPORTED",
      `SendMailOS could not update ${properties.join(" and ")} of ${domain} in place: ${cause} ` +
        "Nothing was changed and the domain was NOT replaced. Revert the change in your program, or change it in " +
        "the SendMailOS dashboard and run `pulumi refresh`.",
    );
  }
}

/** A delete that the server cannot apply (it lacks the assumed DELETE endpoint). */
export class DeleteNotSupportedError extends SendMailOSResourceError {
  constructor(domain: string, cause: string) {
    super(
      "DELETE_NOT_SUPPORTED",
      `SendMailOS could not delete ${domain}: ${cause} Set \`deletionPolicy: "retain"\` on the Domain, run ` +
        "`pulumi up`, then remove it again: Pulumi will forget it and leave it registered in SendMailOS.",
    );
  }
}
