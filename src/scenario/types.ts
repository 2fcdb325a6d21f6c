/**
 * The normalized scenario: what every layer below the parser sees.
 *
 * Contract: every default is filled, every quantity is a number in its canonical unit
 * (durations in milliseconds, sizes in bytes unless the name says `Mb`, rates per second,
 * fractions in 0..1), and nothing is `undefined`. Written YAML is turned into this by
 * `parseScenario` (src/scenario/parse.ts); downstream code never parses units.
 */

export * from './types/budgets.ts';
export * from './types/eventSources.ts';
export * from './types/function.ts';
export * from './types/resources.ts';
export * from './types/scenario.ts';
export * from './types/slo.ts';
export * from './types/traffic.ts';
