/**
 * Jest config for `npm run gallery`: renders each page state in jsdom and writes standalone HTML under
 * build/gallery/html/. Kept apart from the normal suite, which only matches `*.test.ts`.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/tests/gallery'],
  testMatch: ['**/*.gallery.ts'],
};
