/**
 * Anything that invokes functions: a synchronous caller, an asynchronous event queue, a poller,
 * a function calling another. Sources are numbered by the SourceRegistry as they are built; the
 * number travels with each request (InvokeRequest.source), so the runtime tells the right source
 * when the request finishes.
 */
import type { Simulation } from '../../engine/index.ts';
import type { SeriesMaker } from '../../metrics/index.ts';
import type { RequestView } from '../function/requests.ts';

export interface InvocationSource {
  /**
   * The request in environment `slot` finished at `nowMs`; its outcome is readable through the
   * RequestView until the slot's next request begins. The environment is free again: the source
   * may invoke at once.
   */
  onFinished(slot: number, nowMs: number): void;
}

/** Every source of a run, by number. */
export class SourceRegistry {
  private readonly sources: InvocationSource[] = [];

  /** Adds a source; returns its number (0, 1, 2, ... in the order sources are added). */
  add(source: InvocationSource): number {
    this.sources.push(source);
    return this.sources.length - 1;
  }

  /** The source numbered `index`. */
  at(index: number): InvocationSource {
    return this.sources[index];
  }
}

/**
 * What every source is wired to, the same for all sources of a run: the event loop, the request
 * table it reads outcomes from, the registry that numbers it, the recorded window [0, windowMs)
 * and the maker of its time series (bucketed over that window, or inert).
 */
export interface SourceWiring {
  readonly sim: Simulation;
  readonly requests: RequestView;
  readonly registry: SourceRegistry;
  readonly windowMs: number;
  readonly series: SeriesMaker;
}
