/**
 * A last look at what would be uploaded: no key files and nothing that looks like a secret value.
 * The build never reads ZEGO_SERVER_SECRET, so it cannot compare against it; it looks for shapes
 * instead (a PEM private key, a secret-named property holding a long literal, key/env files).
 * Pure: paths and text in, findings out.
 */

export interface SecretFinding {
  path: string;
  reason: string;
}

const SECRET_FILE_NAMES = [
  /(^|\/)\.env(\.[^/]*)?$/,
  /(^|\/)project\.private\.config\.json$/,
  /(^|\/)private[^/]*\.key$/,
  /\.(pem|key|p12)$/,
];

const SECRET_CONTENTS: Array<{ pattern: RegExp; reason: string }> = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, reason: 'contains a PEM private key' },
  {
    // serverSecret: '0123…', "server_secret":"…", ZEGO_SERVER_SECRET = "…" — 16+ characters of key material.
    pattern:
      /(server_?secret|secret_?key|private_?key|app_?secret)['"]?\s*[:=]\s*['"`][A-Za-z0-9+/=_-]{16,}['"`]/i,
    reason: 'assigns a literal to a secret-named property',
  },
];

export function findSecrets(files: ReadonlyArray<{ path: string; text: string }>): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const file of files) {
    const normalized = file.path.replace(/\\/g, '/');
    if (SECRET_FILE_NAMES.some((pattern) => pattern.test(normalized))) {
      findings.push({ path: normalized, reason: 'is a key or environment file' });
      continue;
    }
    for (const { pattern, reason } of SECRET_CONTENTS) {
      if (pattern.test(file.text)) findings.push({ path: normalized, reason });
    }
  }
  return findings;
}
