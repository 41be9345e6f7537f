export function rt_builtins_placeholder(): void {}
