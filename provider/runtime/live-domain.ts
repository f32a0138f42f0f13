import { NotFoundError, type Domain } from "../../sdk";
import { clientFor, domainListFor } from "./context";
import { readMaxAgeMs } from "./domain-list-cache";

/**
 * The live domain for a read (refresh, import), or undefined once it is confirmed gone: missing from the
 * shared list AND not found by id. A list alone never makes a domain look deleted: a server may page or cut
 * it without saying so, and a domain dropped from state on that evidence would be registered again.
 */
export async function findLiveDomain(id: string, workspaceId: string | undefined): Promise<Domain | undefined> {
  const listed = await domainListFor(workspaceId).find(id, readMaxAgeMs);
  if (listed) return listed;
  try {
    return await clientFor(workspaceId).getDomain(id);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
