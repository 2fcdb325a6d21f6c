/**
 * CPU as a function of memory (Lambda developer guide "Configure Lambda function memory", https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html): Lambda allocates CPU in proportion to memory,
 * one vCPU's worth at 1,769 MB (AWS docs configuration-memory.html), up to 6 vCPUs at 10,240 MB.
 * Code that runs `threads` threads cannot use more than `threads` vCPUs.
 */
export const MB_PER_VCPU = 1769;
export const MAX_VCPUS = 6;

/** vCPUs' worth of CPU time per second available to a function of this size. */
export function vcpuShare(memoryMb: number): number {
  return Math.min(memoryMb / MB_PER_VCPU, MAX_VCPUS);
}

/** vCPUs the handler can actually use. */
export function usableVcpus(memoryMb: number, threads: number): number {
  return Math.min(vcpuShare(memoryMb), threads);
}

/**
 * Factor turning CPU work measured at `computeAtMb` into time at `memoryMb`:
 * usableVcpus(computeAt) / usableVcpus(memory). 1 when the sizes give the same usable CPU.
 */
export function computeTimeScale(memoryMb: number, computeAtMb: number, threads: number): number {
  return usableVcpus(computeAtMb, threads) / usableVcpus(memoryMb, threads);
}
