/**
 * Runs tasks with the same key one after another inside this process. Used for hot streams (an
 * invoice series): optimistic concurrency stays the guard across processes, but writers in the
 * same process queue instead of colliding, re-reading and retrying.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
