/**
 * Billing, the public surface of src/billing: ./metering (what AWS counts and how it rounds it,
 * below the model) and ./pricing (what it costs, above the model). The model imports
 * ./metering/index.ts only; layers above the model import this file.
 */
export * from './metering/index.ts';
export * from './pricing/index.ts';
