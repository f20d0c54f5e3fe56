export { runLogweave, EXIT } from './main.ts';
export type { CliIo, OutputStream } from './cli-io.ts';
