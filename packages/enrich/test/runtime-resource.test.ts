import { arch, hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { enrich, runtimeResource } from '../src/index.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

describe('runtimeResource', () => {
  it('describes this host, OS, process and runtime with the detectors of @opentelemetry/resources', async () => {
    const resource = runtimeResource({ attributes: { 'service.name': 'checkout', 'deployment.environment.name': 'test' } });
    await resource.waitForAsyncAttributes?.();
    expect(resource.attributes).toMatchObject({
      'service.name': 'checkout',
      'deployment.environment.name': 'test',
      'host.name': hostname(),
      'process.pid': process.pid,
      'process.runtime.name': 'nodejs',
      'process.runtime.version': process.versions.node,
      'os.type': 'linux',
      'telemetry.sdk.language': 'nodejs',
    });
    expect(resource.attributes['host.arch']).toBe(arch() === 'x64' ? 'amd64' : arch());
  });

  it('leaves out the command-line arguments by default, and what omit lists', () => {
    expect(runtimeResource().attributes).not.toHaveProperty('process.command_args');
    const resource = runtimeResource({ omit: ['process.owner', 'host.name'] });
    expect(resource.attributes).toHaveProperty('process.command_args');
    expect(resource.attributes).not.toHaveProperty('process.owner');
    expect(resource.attributes).not.toHaveProperty('host.name');
  });

  it('throws a TypeError naming the option when given a bad detector or attributes', () => {
    expect(() => runtimeResource({ detectors: [{}] as never })).toThrow('runtimeResource: detectors must be an array of resource detectors');
    expect(() => runtimeResource({ attributes: [] as never })).toThrow('runtimeResource: attributes must be an object');
    expect(() => runtimeResource({ omit: 'x' as never })).toThrow('runtimeResource: omit must be an array of non-empty strings');
  });
});

describe.each(sdkLines)('runtimeResource with sdk-logs $line', (line) => {
  it('is the resource of every record, and enrich copies chosen keys into attributes', () => {
    const resource = runtimeResource({ attributes: { 'service.name': 'checkout' } });
    const { logger, records } = setUp(line, [enrich({ resourceAttributes: ['host.name', 'service.name'] })], resource);
    logger.emit({ body: 'first, while host.id is still being read' });
    logger.emit({ body: 'second' });
    expect(records[0]!.resource.attributes['process.pid']).toBe(process.pid);
    expect(records.map((r) => r.attributes)).toEqual([
      { 'host.name': hostname(), 'service.name': 'checkout' },
      { 'host.name': hostname(), 'service.name': 'checkout' },
    ]);
  });
});
