/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is `tsc --noEmit`'s job; ts-jest only strips types here, which keeps the suite fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/miniprogram/live/miniprogram_npm', '<rootDir>/build'],
  setupFiles: ['<rootDir>/tests/helpers/setup-globals.ts'],
  testTimeout: 20000,
};
