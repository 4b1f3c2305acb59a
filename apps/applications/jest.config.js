module.exports = { ...require('../../jest.preset.js'), displayName: 'applications', rootDir: __dirname };
