/**
 * The message of the google.rpc.Status an OTLP/HTTP collector answers a failed request with,
 * encoded like the request (protobuf or JSON); plain text otherwise. At most 200 characters:
 * it goes into error reports.
 */
export function statusMessage(body: Uint8Array, contentType: string | undefined): string {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const message = type === 'application/x-protobuf' ? protobufMessage(body) : type === 'application/json' ? jsonMessage(body) : undefined;
  return (message ?? Buffer.from(body).toString('utf8', 0, Math.min(body.byteLength, 200))).trim().slice(0, 200);
}

/** Field 2 (`message`, a string) of a protobuf google.rpc.Status; undefined when the bytes are not one. */
function protobufMessage(body: Uint8Array): string | undefined {
  let offset = 0;
  const varint = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 35 && offset < body.byteLength; shift += 7) {
      const byte = body[offset++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return undefined;
  };
  while (offset < body.byteLength) {
    const tag = varint();
    if (tag === undefined) return undefined;
    const wireType = tag & 7;
    if (wireType === 0) {
      if (varint() === undefined) return undefined;
    } else if (wireType === 2) {
      const length = varint();
      if (length === undefined || offset + length > body.byteLength) return undefined;
      if (tag >>> 3 === 2) return Buffer.from(body.buffer, body.byteOffset + offset, length).toString('utf8');
      offset += length;
    } else {
      return undefined;
    }
  }
  return undefined;
}

function jsonMessage(body: Uint8Array): string | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
    const message = (parsed as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
