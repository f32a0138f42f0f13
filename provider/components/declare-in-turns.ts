/**
 * Declares resources one item per event-loop turn instead of all in one synchronous loop.
 *
 * Why: the Pulumi Node.js SDK sends a resource's registration to the engine only once the synchronous code
 * that declared it returns, and declaring a resource costs the program milliseconds of CPU (the SDK captures
 * and source-maps a stack trace for each one). A stack of 200 domains (1,200 resources) declared in one loop
 * therefore sends its first registration about 10 seconds late, and the first create waits for it. Yielding
 * between items lets the engine start creating the first domains while later ones are still being declared;
 * the resources, their names and their order are the same.
 */

/**
 * Calls `declare` for each item, letting pending I/O (the SDK's registrations) run between two items.
 *
 * Use it in a program that declares many domains from one list; export the result from an async main
 * (`export = async () => ({ domains: await declareInTurns(entries, (e) => new VerifiedDomain(e.domain, e)) })`)
 * so that the engine waits for every declaration. If `declare` throws, the items after it are not declared.
 */
export async function declareInTurns<T, R>(items: readonly T[], declare: (item: T, index: number) => R): Promise<R[]> {
  const declared: R[] = [];
  for (const [index, item] of items.entries()) {
    if (index > 0) await nextTurn();
    declared.push(declare(item, index));
  }
  return declared;
}

/** Resolves after the event loop's I/O phase has run (setImmediate runs after pending I/O callbacks). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
