module.exports = { ...require('../../jest.preset.js'), displayName: 'test-infra', rootDir: __dirname };
