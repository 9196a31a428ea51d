/** @jest-environment node */
import { findSecrets } from '../../scripts/build-steps/secret-scan';

describe('secret scan of the compiled output', () => {
  it('accepts ordinary code that only mentions a secret', () => {
    const files = [
      { path: 'core/config.js', text: "var hint = 'the ServerSecret stays on the token server';" },
      {
        path: 'config.values.js',
        text: "module.exports = { appID: 1234567, tokenUrl: 'https://x.example/t' };",
      },
    ];
    expect(findSecrets(files)).toEqual([]);
  });

  it('flags a secret-valued property, a PEM key and key files', () => {
    const findings = findSecrets([
      { path: 'config.values.js', text: 'var c = { serverSecret: "0123456789abcdef0123456789abcdef" };' },
      { path: 'app.js', text: '-----BEGIN RSA PRIVATE KEY-----\nMIIE' },
      { path: 'private.wx123.key', text: '' },
      { path: 'project.private.config.json', text: '{}' },
    ]);
    expect(findings.map((finding) => finding.path)).toEqual([
      'config.values.js',
      'app.js',
      'private.wx123.key',
      'project.private.config.json',
    ]);
  });
});
