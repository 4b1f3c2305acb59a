module.exports = { ...require('../../jest.preset.js'), displayName: 'persisted-operations', rootDir: __dirname };
