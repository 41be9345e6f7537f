// Heap of the policy module: a bump allocator over the imported linear memory.
//
// The OPA Wasm ABI lets the host reset the heap between evaluations (opa_heap_ptr_set), so
// nothing is ever freed individually: opa_free is a no-op and each evaluation starts from the
// heap pointer the host hands to opa_eval. AssemblyScript's own managed heap is never used
// (no `new`, no managed strings at run time); every structure lives in raw memory.

@external("env", "opa_abort")
declare function opa_abort(addr: usize): void;

/** End of static data appended by the code generator; it rewrites this global's initial value. */
export let rt_static_end: usize = 0;

export let heap_ptr: usize = 0;

export function initHeap(): void {
  let start = rt_static_end > __heap_base ? rt_static_end : __heap_base;
  heap_ptr = (start + 7) & ~(<usize>7);
}

export function alloc(size: usize): usize {
  let p = heap_ptr;
  let end = p + ((size + 7) & ~(<usize>7));
  let limit = (<usize>memory.size()) << 16;
  if (end > limit) {
    let need = <i32>((end - limit + 0xffff) >> 16);
    // Grow at least geometrically so that large inputs do not grow page by page.
    let cur = memory.size();
    let pages = need > cur ? need : cur;
    if (memory.grow(pages) < 0) {
      if (memory.grow(need) < 0) abortStatic("out of memory");
    }
  }
  heap_ptr = end;
  return p;
}

export function allocZeroed(size: usize): usize {
  let p = alloc(size);
  memory.fill(p, 0, size);
  return p;
}

/** Copies an AssemblyScript static string literal (UTF-16, ASCII content) into a NUL-terminated C string. */
export function cstr(s: string): usize {
  let src = changetype<usize>(s);
  let n = <usize>s.length;
  let p = alloc(n + 1);
  for (let i: usize = 0; i < n; i++) store<u8>(p + i, <u8>load<u16>(src + (i << 1)));
  store<u8>(p + n, 0);
  return p;
}

export function abortStatic(msg: string): void {
  opa_abort(cstr(msg));
  unreachable();
}

export function abortC(msg: usize): void {
  opa_abort(msg);
  unreachable();
}

/** AssemblyScript's `abort` is redirected here (see scripts/build-runtime.mjs). */
export function runtimeAbort(msg: usize, file: usize, line: u32, col: u32): void {
  abortStatic("internal error in sanso runtime");
}
