// Mocha's spec output plus the plain closing line CI reads: `tests: N passed, N failed`
// (with `, N skipped` when any were pending). Counts come from the runner's own events.
'use strict';
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    runner.on(EVENT_TEST_PASS, () => passed++);
    // Hook failures count too: a broken before() must not read as green.
    runner.on(EVENT_TEST_FAIL, () => failed++);
    runner.on(EVENT_TEST_PENDING, () => skipped++);
    runner.once(EVENT_RUN_END, () => {
      const tail = skipped > 0 ? `, ${skipped} skipped` : '';
      process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${tail}\n`);
    });
  }
}

module.exports = CountingReporter;
