/**
 * Units AWS bills in, and the conversions between them.
 *
 * Contract: AWS prices memory and data in binary units. A "GB" of Lambda memory is 1024 MB (the
 * pricing page's "GB = MB / 1024"); a "GB" of data (streaming, logs, NAT, transfer) is 2^30 bytes
 * and a "TB" 1024 GB in tier boundaries (except the CloudWatch Lambda-log tiers, see ../pricing/price-data.ts).
 * Every conversion of the billing layer goes through this file.
 */

export const MB_PER_GB = 1024;
export const BYTES_PER_KB = 1024;
export const BYTES_PER_MB = 1024 * 1024;
export const BYTES_PER_GB = 1024 * 1024 * 1024;

export const MS_PER_SECOND = 1000;
export const MS_PER_HOUR = 3_600_000;

/** The month AWS prices hourly resources with, and lamsim projects a window onto: 730 hours. */
export const MONTH_HOURS = 730;
export const MONTH_MS = MONTH_HOURS * MS_PER_HOUR;

/** Memory-time in GB-seconds: milliseconds × MB / (1024 × 1000), one division at the end. */
export function gbSeconds(ms: number, memoryMb: number): number {
  return (ms * memoryMb) / (MB_PER_GB * MS_PER_SECOND);
}
