// Root config: `npx jest` from the root runs every project; Nx runs each project's own config.
module.exports = { projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js', '<rootDir>/tools/jest.config.js'] };
