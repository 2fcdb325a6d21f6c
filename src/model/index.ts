/** The AWS world on the engine: public surface of the model. */
export { ConcurrencyLimits, ThrottleReason } from './concurrency/concurrencyLimits.ts';
export { makeScalingLimiter, type ScalingLimiter } from './concurrency/scalingLimiter.ts';
export { TokenBucket } from './concurrency/tokenBucket.ts';
export { EnvironmentTable, EnvState } from './environments/environmentTable.ts';
export { type IdleSet, makeIdleSet } from './environments/idleSets.ts';
export { FunctionRuntime, INIT_LIMIT_MS, Outcome } from './functionRuntime.ts';
export { computeTimeScale, MAX_VCPUS, MB_PER_VCPU, usableVcpus, vcpuShare } from './handler/cpuShare.ts';
export { HandlerModel } from './handler/handlerModel.ts';
export { FunctionStats } from './stats/functionStats.ts';
export { arrivalsFor, expectedArrivals, rateSegments } from './traffic/arrivalsFor.ts';
export { type Unsupported, unsupportedFeatures } from './unsupported.ts';
export { type FunctionResult, type RunResult, type SimulateOptions, simulate } from './world.ts';
