/** The help of each command: the first line is its usage, shown again with a usage error. */
export const USAGE: Record<'logweave' | 'dev' | 'ship', string> = {
  logweave: `usage: logweave <command> [options]        logweave <command> --help        logweave --version

commands:
  dev    a local OTLP/HTTP logs receiver that prints every record and serves a live tail page
  ship   tails log files (following rotation), parses each line and sends it to an OTLP collector
`,
  dev: `usage: logweave dev [--port 4318] [--host 127.0.0.1] [--ring 1000] [--max-live-clients 64]

  A local OTLP/HTTP logs receiver (protobuf or JSON, gzip or not, on /v1/logs) that prints every
  record as a line on stdout and serves a live tail of them at http://HOST:PORT/.

  --port N              TCP port, 0 takes a free one [4318]
  --host ADDRESS        interface to listen on; anything but loopback exposes the records [127.0.0.1]
  --ring N              how many of the latest records a page that connects is shown [1000]
  --max-live-clients N  live pages at most; a new one replaces the slowest stalled one [64]
`,
  ship: `usage: logweave ship <files…> [options]

  Tails the files (following rename and copytruncate rotation), parses each line and sends it to
  an OTLP collector. The checkpoint only moves past lines the collector accepted (or, with
  --queue-dir, that are on disk), so a restart neither loses lines nor sends them twice.

  --endpoint URL              collector URL [OTEL_EXPORTER_OTLP_ENDPOINT, else http://localhost:4318, grpc: :4317]
  --protocol NAME             http/protobuf, http/json or grpc [OTEL_EXPORTER_OTLP_PROTOCOL, else http/protobuf]
  --format LIST               auto, none, or a comma-separated list of json, logfmt, kv, syslog, clf [auto]
  --checkpoint FILE           keeps the offsets of acknowledged lines [none: a restart reads again]
  --start-at WHERE            beginning or end: where a first run starts in existing files [beginning]
  --poll-interval DURATION    how often files are checked for new lines [250ms]
  --max-queue-bytes SIZE      memory for records not yet delivered; a read step is a quarter [32MiB]
  --queue-dir DIR             durable mode: undelivered records wait on disk in DIR [none]
  --progress-interval DURATION  a progress line this often when stderr is not a terminal; 0: none [10s]
  --stop-timeout DURATION     how long stopping waits for the collector; the rest is read again [5s]

  DURATION: milliseconds (250) or with a unit (500ms, 2s, 1m). SIZE: bytes or with a unit (64KiB, 32MiB).
`,
};
