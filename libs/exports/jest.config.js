module.exports = { ...require('../../jest.preset.js'), displayName: 'exports', rootDir: __dirname };
