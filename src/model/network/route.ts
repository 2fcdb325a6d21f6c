/**
 * A network path a fixed-latency call takes out of a VPC (NAT gateway, VPC endpoint): it counts
 * the call and its bytes, and returns the latency it adds.
 */
export interface Route {
  pass(bytes: number): number;
}
