/**
 * Provisioned environments being recycled at their maximum lifetime, and their replacements: a
 * pair that holds one concurrency unit. Both directions live in this one place, so they cannot
 * disagree:
 *
 *   linked     old (still serving) <-> fresh (running INIT)
 *   successor  old (busy) -> fresh (initialised): fresh takes over when old's request ends
 *
 * Slots are environment slots of one function; an environment is in at most one pair.
 */
export class Replacements {
  private readonly freshByOld = new Map<number, number>();
  private readonly oldByFresh = new Map<number, number>();
  private readonly successors = new Map<number, number>();

  /** `fresh` starts INIT to replace `old`. */
  link(old: number, fresh: number): void {
    this.freshByOld.set(old, fresh);
    this.oldByFresh.set(fresh, old);
  }

  /** The pair no longer waits on `fresh`'s INIT (it is ready, or one of them went). */
  unlink(old: number, fresh: number): void {
    this.oldByFresh.delete(fresh);
    this.freshByOld.delete(old);
  }

  /** The replacement `old` waits for, if any. */
  freshOf(old: number): number | undefined {
    return this.freshByOld.get(old);
  }

  /** The environment `fresh` replaces, if any. */
  oldOf(fresh: number): number | undefined {
    return this.oldByFresh.get(fresh);
  }

  /** `fresh` is ready but `old` is busy: `fresh` takes over when `old`'s request ends. */
  setSuccessor(old: number, fresh: number): void {
    this.successors.set(old, fresh);
  }

  successorOf(old: number): number | undefined {
    return this.successors.get(old);
  }

  clearSuccessor(old: number): void {
    this.successors.delete(old);
  }
}
