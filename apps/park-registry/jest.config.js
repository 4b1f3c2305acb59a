module.exports = { ...require('../../jest.preset.js'), displayName: 'park-registry', rootDir: __dirname };
