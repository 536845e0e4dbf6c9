/** Sleeps that can be cut short: stop() must not wait out a poll interval or a retry backoff. */
export class Alarm {
  private readonly sleepers = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  ring(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}
