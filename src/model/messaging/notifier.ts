/**
 * An S3 bucket or SNS topic: every object created (PutObject) or message published invokes each
 * subscribed function asynchronously, after a short delivery delay (S3 event notifications and SNS
 * deliveries are asynchronous; typical delays are assumptions, ⚠ no AWS figure: S3 250 ms, SNS
 * 50 ms). A function whose output lands in a bucket or topic it is subscribed to forms a recursive
 * loop (the Lambda docs' S3 example), stopped after 16 hops when recursive loop detection is on.
 */

import { snsBilledRequests } from '../../billing/metering/index.ts';
import type { Simulation } from '../../engine/index.ts';
import type { Notifier } from '../../scenario/index.ts';
import type { MessageSink } from './sink.ts';

export const NOTIFICATION_DELAY_MS = { 's3-bucket': 250, 'sns-topic': 50 } as const;

/** An S3 bucket or SNS topic over a run, as plain data (NotifierModel.result()). */
export interface NotifierResult {
  readonly name: string;
  readonly type: 's3-bucket' | 'sns-topic';
  /** Objects created or messages published. */
  readonly published: number;
  /** SNS publish requests billed (64 KB chunks of each message); 0 for buckets. */
  readonly publishRequests: number;
  /** Notifications delivered to subscribed functions (one per subscriber of each object or message). */
  readonly deliveries: number;
  /** Functions subscribed. */
  readonly subscribers: number;
  /**
   * Notifications on their way to a subscriber when the run ended (published within the delivery
   * delay of the end). Identity: published x subscribers = deliveries + inTransitAtEnd.
   */
  readonly inTransitAtEnd: number;
}

export class NotifierModel implements MessageSink {
  private readonly subscribers: MessageSink[] = [];
  private published = 0;
  /** SNS publish requests billed (64 KB chunks of each message); 0 for buckets. */
  private publishRequests = 0;
  private deliveries = 0;
  /** Notifications scheduled and not delivered yet. */
  private inTransit = 0;

  /** Event kind: (depth, bytes) the notification reaches the subscribers. */
  private readonly kind: number;

  constructor(
    readonly config: Notifier,
    private readonly sim: Simulation,
  ) {
    this.kind = sim.on(`notify:${config.name}`, (depth, bytes) => this.deliver(depth, bytes));
  }

  get name(): string {
    return this.config.name;
  }

  result(): NotifierResult {
    return {
      name: this.config.name,
      type: this.config.type,
      published: this.published,
      publishRequests: this.publishRequests,
      deliveries: this.deliveries,
      subscribers: this.subscribers.length,
      inTransitAtEnd: this.inTransit,
    };
  }

  /** Forgets what was counted before `nowMs` (a time shard's warm-up); deliveries on their way still arrive. */
  startRecording(_nowMs: number): void {
    this.published = 0;
    this.publishRequests = 0;
    this.deliveries = 0;
  }

  subscribe(sink: MessageSink): void {
    this.subscribers.push(sink);
  }

  put(nowMs: number, depth: number, bytes: number): void {
    this.published++;
    if (this.config.type === 'sns-topic') this.publishRequests += snsBilledRequests(bytes);
    if (this.subscribers.length === 0) return;
    this.inTransit += this.subscribers.length;
    this.sim.at(nowMs + NOTIFICATION_DELAY_MS[this.config.type], this.kind, depth, bytes);
  }

  /** Event: the notification reaches every subscriber. */
  private deliver(depth: number, bytes: number): void {
    const nowMs = this.sim.now;
    this.inTransit -= this.subscribers.length;
    for (const s of this.subscribers) {
      this.deliveries++;
      s.put(nowMs, depth, bytes);
    }
  }
}
