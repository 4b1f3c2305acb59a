module.exports = { ...require('../../jest.preset.js'), displayName: 'calendar-copy', rootDir: __dirname };
