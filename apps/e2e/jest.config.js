// End-to-end tests start the whole system as processes; give them room and run files one at a time.
module.exports = { ...require('../../jest.preset.js'), displayName: 'e2e', rootDir: __dirname, testTimeout: 120_000, maxWorkers: 1 };
