export { route, type Route, type RouteOptions, type RouteStats, type Router } from './route.ts';
export { failover } from './failover.ts';
export { loadBalance, type LoadBalanceOptions } from './load-balance.ts';
export type { MultiTargetOptions, MultiTargetSink, MultiTargetStats } from './multi-target-sink.ts';
export type { TargetStats } from './internal/target-set.ts';
