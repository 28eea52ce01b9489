// Jest configuration for the JS test suites in tests/js/.
// Tests are CommonJS (*.test.cjs) and load the built bundles from dist/;
// nothing is transformed. Run: node node_modules/.bin/jest --config jest.config.cjs
'use strict';

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/js/**/*.test.cjs'],
  moduleFileExtensions: ['cjs', 'js', 'mjs', 'json'],
  transform: {},
  testTimeout: 30000,
  maxWorkers: 2,
};
