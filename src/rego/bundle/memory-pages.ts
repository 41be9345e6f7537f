// The minimum number of memory pages a module's `env.memory` import asks for. A policy with a large
// constant table needs more than the SDK's default of 5 pages, and instantiating it with less
// fails with a LinkError; loaders read this to size the memory they pass.

function readU32(bytes: Uint8Array, pos: { i: number }): number {
  let result = 0, shift = 0;
  for (;;) {
    const b = bytes[pos.i++];
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return result >>> 0;
    shift += 7;
  }
}

function skipName(bytes: Uint8Array, pos: { i: number }): string {
  const n = readU32(bytes, pos);
  const s = new TextDecoder().decode(bytes.subarray(pos.i, pos.i + n));
  pos.i += n;
  return s;
}

function readLimits(bytes: Uint8Array, pos: { i: number }): number {
  const flags = bytes[pos.i++];
  const min = readU32(bytes, pos);
  if (flags & 1) readU32(bytes, pos);
  return min;
}

/** Minimum pages of the imported memory, or 0 when the module imports none. */
export function importedMemoryPages(wasm: Uint8Array): number {
  const pos = { i: 8 };
  while (pos.i < wasm.length) {
    const id = wasm[pos.i++];
    const size = readU32(wasm, pos);
    const end = pos.i + size;
    if (id === 2) {
      const count = readU32(wasm, pos);
      for (let k = 0; k < count; k++) {
        skipName(wasm, pos);
        skipName(wasm, pos);
        const kind = wasm[pos.i++];
        if (kind === 0) readU32(wasm, pos); // function: type index
        else if (kind === 1) { pos.i++; readLimits(wasm, pos); } // table: reftype, limits
        else if (kind === 2) return readLimits(wasm, pos); // memory
        else if (kind === 3) pos.i += 2; // global: valtype, mutability
      }
      return 0;
    }
    pos.i = end;
  }
  return 0;
}
