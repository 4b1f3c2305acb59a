module.exports = { ...require('../../jest.preset.js'), displayName: 'queue-contracts', rootDir: __dirname };
