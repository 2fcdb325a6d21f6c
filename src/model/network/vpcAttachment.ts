/**
 * What attaching a function to a VPC costs a new execution environment (AWS Compute Blog "Announcing improved VPC networking for AWS Lambda functions" (2019), https://aws.amazon.com/blogs/compute/announcing-improved-vpc-networking-for-aws-lambda-functions/).
 *
 * hyperplane (since Sept-Nov 2019): the network interface is made when the function is created,
 * so no environment waits for one; measured cold starts in a VPC are still a near-constant
 * ~0.23 s slower at every quantile (Mikhail Shilkov's measurements, 2020-04 and 2021-01: VPC vs
 * no VPC, p2.5 +0.22 s, p50 +0.23 s, p97.5 +0.23 s; ../data/shilkov-cold-starts.csv), modelled
 * as network set-up before INIT.
 *
 * legacy (before Sept 2019): environments share ENIs, each good for about 3 GB of function
 * memory ("ENIs ≈ peak concurrency × memory GB / 3 GB", old docs vpc.md); a new environment
 * that finds them full waits for a new ENI: ~8 s at the median (2019-06 measurement: VPC cold
 * start median 8.27 s vs 0.20 s without VPC; p97.5 18.7 vs 0.74 s), lognormal through
 * p50 = 8.07 s and p97.5 = 18.0 s. Each ENI takes an IP address in the function's subnets; when
 * none is left, the invocation fails (EC2ThrottledException).
 */
import type { Rng, Sampler } from '../../engine/index.ts';
import { makeSampler, normalQuantile, withCapacity } from '../../engine/index.ts';
import type { LambdaFunction, Vpc } from '../../scenario/index.ts';

export interface VpcAttachment {
  /** False when a new environment could not get a network interface (legacy: subnets full). */
  canAttach(nowMs: number): boolean;
  /** A new environment in `slot` joins the VPC: returns the ms it waits before INIT. */
  attach(slot: number, nowMs: number): number;
  /** The environment in `slot` leaves. */
  detach(slot: number, nowMs: number): void;
  /** Network interfaces created so far (legacy), for reports. */
  readonly interfacesCreated: number;
}

/** Hyperplane: a near-constant set-up, lognormal through p50 = 232 ms and p97.5 = 250 ms (2020-2021 measurements). */
export const HYPERPLANE_SETUP_MS = {
  kind: 'lognormal',
  mu: Math.log(232),
  sigma: Math.log(250 / 232) / normalQuantile(0.975),
} as const;

/** Legacy ENI creation: lognormal through p50 = 8,066 ms and p97.5 = 18,000 ms (2019-06 measurements). */
export const LEGACY_ENI_CREATION_MS = {
  kind: 'lognormal',
  mu: Math.log(8066),
  sigma: Math.log(18_000 / 8066) / normalQuantile(0.975),
} as const;

/** Old docs vpc.md: one ENI per ~3 GB of concurrently running function memory. */
export const LEGACY_MB_PER_ENI = 3072;

class HyperplaneAttachment implements VpcAttachment {
  private readonly setup: Sampler = makeSampler(HYPERPLANE_SETUP_MS);
  readonly interfacesCreated = 0;

  constructor(private readonly rng: Rng) {}

  canAttach(): boolean {
    return true;
  }

  attach(): number {
    return this.setup.sample(this.rng);
  }

  detach(): void {}
}

class LegacyEniAttachment implements VpcAttachment {
  private readonly creation: Sampler = makeSampler(LEGACY_ENI_CREATION_MS);
  private readonly envsPerEni: number;
  private readonly maxEnis: number;
  /** Per ENI: when it is usable, and how many environments use it. */
  private readonly readyAtMs: number[] = [];
  private readonly load: number[] = [];
  /** ENI index of each environment slot (-1: none). */
  private eniOfSlot = new Int32Array(64).fill(-1);

  constructor(
    fn: LambdaFunction,
    vpc: Vpc,
    private readonly rng: Rng,
  ) {
    this.envsPerEni = Math.max(1, Math.floor(LEGACY_MB_PER_ENI / fn.memoryMb));
    this.maxEnis = vpc.subnetIds.length * vpc.ipsPerSubnet;
  }

  get interfacesCreated(): number {
    return this.readyAtMs.length;
  }

  private eniWithRoom(): number {
    for (let i = 0; i < this.load.length; i++) if (this.load[i] < this.envsPerEni) return i;
    return -1;
  }

  canAttach(): boolean {
    return this.eniWithRoom() >= 0 || this.readyAtMs.length < this.maxEnis;
  }

  attach(slot: number, nowMs: number): number {
    let eni = this.eniWithRoom();
    if (eni < 0) {
      eni = this.readyAtMs.length;
      this.readyAtMs.push(nowMs + this.creation.sample(this.rng));
      this.load.push(0);
    }
    this.load[eni]++;
    this.eniOfSlot = withCapacity(this.eniOfSlot, slot + 1, -1);
    this.eniOfSlot[slot] = eni;
    return Math.max(0, this.readyAtMs[eni] - nowMs);
  }

  detach(slot: number): void {
    const eni = this.eniOfSlot[slot];
    if (eni >= 0) {
      this.load[eni]--;
      this.eniOfSlot[slot] = -1;
    }
  }
}

export function makeVpcAttachment(fn: LambdaFunction, rng: Rng): VpcAttachment | null {
  if (!fn.vpc) return null;
  return fn.vpc.eniMode === 'legacy'
    ? new LegacyEniAttachment(fn, fn.vpc, rng)
    : new HyperplaneAttachment(rng);
}
