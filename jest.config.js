// Unit tests never touch the network; integration tests need a real MediaWiki (see test/integration/README.md).
// @bhsd/* (dependencies of wikiparser-node) ship only ES modules, which Node 20 can require but jest cannot.
const transform = {
  '^.+\\.ts$': ['ts-jest', {tsconfig: 'tsconfig.json'}],
  '^.+/@bhsd/[^/]+/.+\\.js$': ['ts-jest', {tsconfig: {allowJs: true, module: 'commonjs', isolatedModules: true}}],
};
const transformIgnorePatterns = ['/node_modules/(?!@bhsd/)'];
module.exports = {
  // Integration tests wait on a real wiki; unit tests finish long before this.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/', '<rootDir>/test/browser/'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
      maxWorkers: 1,
    },
  ],
};
