// Preloaded (`node --require`) into the processes `npm run bench` times: reports the process's peak
// resident set size on stderr as it exits, however it exits.
process.on("exit", () => {
  require("node:fs").writeSync(2, `\nSANSO_BENCH_PEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
