// `npm run trace` (after `npm run build`): rewrites suites/<suite>/traceability.md for every suite with
// checks, rules or quirks — the output of `cloudconform catalogue --trace --suite <suite> --format md`.
// Run it whenever a suite's check( calls move, the catalogue or a quirk changes;
// test/cli/traceability.test.ts fails until the committed files match.
const { writeTraces } = await import('../dist/cli/traceability.js');
for (const file of writeTraces()) process.stdout.write(`wrote ${file}\n`);
