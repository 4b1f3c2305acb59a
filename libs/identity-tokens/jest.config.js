module.exports = { ...require('../../jest.preset.js'), displayName: 'identity-tokens', rootDir: __dirname };
