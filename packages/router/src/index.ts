export { route, type Route, type RouteOptions, type RouteStats, type Router } from './route.ts';
export { failover, type FailoverOptions } from './failover.ts';
export { loadBalance, type LoadBalanceOptions } from './load-balance.ts';
export type { CompositeOptions } from './internal/composite-options.ts';
