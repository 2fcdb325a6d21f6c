/**
 * The engine's named exceptions. Both signal bugs in the calling code (design principle 9): the
 * scenario layer validates user input before anything reaches the engine, so these never carry a
 * user-facing message and are never caught to recover.
 */

/** Misuse of the event loop: scheduling in the past or at a non-finite time, an unknown event kind, re-entrant runs. */
export class SchedulingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulingError';
  }
}

/** A parameter outside its domain: a distribution spec with sigma < 0, a negative rate, a bad seed, ... */
export class InvalidParameterError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidParameterError';
  }
}
