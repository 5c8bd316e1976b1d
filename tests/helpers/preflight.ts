/**
 * Runs Apache PDFBox Preflight (PDF/A-1b validator, Debian package libpdfbox2-java) on a PDF. When Java or the
 * jars are missing, `preflightMissing()` says what to install, and the PDF/A tests skip with that message (CI
 * installs them: .ci/run).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const JAVA_DIR = process.env.PREFLIGHT_JAVA_DIR ?? '/usr/share/java';
const JARS = [
  'preflight.jar',
  'pdfbox2.jar',
  'fontbox2.jar',
  'xmpbox.jar',
  'commons-logging.jar',
  'javax.activation.jar',
  'jaxb-api.jar',
];

/** Why Preflight cannot run here (null when it can). */
export function preflightMissing(): string | null {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0)
    return 'java not found: install default-jre-headless (and libpdfbox2-java libactivation-java libjaxb-api-java) to run the PDF/A validator';
  const missing = JARS.filter((j) => !fs.existsSync(path.join(JAVA_DIR, j)));
  if (missing.length)
    return `PDFBox Preflight jars missing in ${JAVA_DIR} (${missing.join(', ')}): install libpdfbox2-java libactivation-java libjaxb-api-java`;
  return null;
}

export interface PreflightResult {
  valid: boolean;
  /** "code : message" lines as Preflight prints them. */
  errors: string[];
  output: string;
}

/** Validates one file as PDF/A-1b. */
export function preflight(file: string): PreflightResult {
  const cp = JARS.map((j) => path.join(JAVA_DIR, j)).join(path.delimiter);
  const r = spawnSync('java', ['-Xmx512m', '-cp', cp, 'org.apache.pdfbox.preflight.Validator_A1b', file], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    timeout: 600_000,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const valid = /is a valid PDF\/A-1b file/.test(output);
  const errors = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[0-9.]+ : /.test(l));
  return { valid, errors: [...new Set(errors)], output };
}
