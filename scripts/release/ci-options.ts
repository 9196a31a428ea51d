/**
 * The exact options handed to miniprogram-ci. Kept apart from the calls so tests can assert
 * what WeChat would receive (page, query, robot, version, description, setting, QR path)
 * without a network or a real key.
 */
import path from 'node:path';
import type { Credentials } from './credentials';
import type { ReportedPackage } from './sizes';

/** Subset of miniprogram-ci's `ICreateProjectOptions` this project uses. */
export interface CiProjectOptions {
  appid: string;
  type: 'miniProgram';
  projectPath: string;
  privateKey: string;
  ignores: string[];
}

/** Subset of miniprogram-ci's compile settings; see `ICompileSettings`. */
export interface CiCompileSetting {
  useProjectConfig: boolean;
}

export interface CiTaskStatus {
  id: string;
  message: string;
  status: 'doing' | 'done' | 'fail' | 'warn' | 'info';
}

export type ProgressListener = (task: CiTaskStatus | string) => void;

export interface CiPreviewOptions {
  project: object;
  desc: string;
  robot: number;
  setting: CiCompileSetting;
  qrcodeFormat: 'image';
  qrcodeOutputDest: string;
  pagePath?: string;
  searchQuery?: string;
  onProgressUpdate: ProgressListener;
}

export interface CiUploadOptions {
  project: object;
  version: string;
  desc: string;
  robot: number;
  setting: CiCompileSetting;
  onProgressUpdate: ProgressListener;
}

export interface CiResult {
  subPackageInfo?: ReportedPackage[];
}

/** The part of miniprogram-ci the release commands call; tests pass a recording fake. */
export interface CiClient {
  createProject(options: CiProjectOptions): object;
  preview(options: CiPreviewOptions): Promise<CiResult>;
  upload(options: CiUploadOptions): Promise<CiResult>;
}

export const PREVIEW_QR_RELATIVE_PATH = path.join('build', 'preview-qr.png');

/**
 * Files miniprogram-ci need not even list: everything outside `miniprogram/` is never packed, but
 * listing it is slow, and key files are excluded outright so one left in the tree cannot ship.
 */
export const PROJECT_IGNORES = [
  'build/**/*',
  'coverage/**/*',
  'server/**/*',
  'scripts/**/*',
  'tests/**/*',
  '**/*.key',
  '**/*.pem',
];

/**
 * `useProjectConfig`: compile with project.config.json's settings (es6, enhance, minified,
 * postcss, the TypeScript compiler plugin), exactly as DevTools and the offline build do.
 */
export const COMPILE_SETTING: CiCompileSetting = { useProjectConfig: true };

export function buildProjectOptions(projectPath: string, credentials: Credentials): CiProjectOptions {
  return {
    appid: credentials.appid,
    type: 'miniProgram',
    projectPath,
    privateKey: credentials.privateKey,
    ignores: [...PROJECT_IGNORES],
  };
}

export interface PreviewRequest {
  project: object;
  desc: string;
  robot: number;
  page: string | undefined;
  query: string | undefined;
  qrcodePath: string;
  onProgressUpdate: ProgressListener;
}

export function buildPreviewOptions(request: PreviewRequest): CiPreviewOptions {
  const options: CiPreviewOptions = {
    project: request.project,
    desc: request.desc,
    robot: request.robot,
    setting: { ...COMPILE_SETTING },
    qrcodeFormat: 'image',
    qrcodeOutputDest: request.qrcodePath,
    onProgressUpdate: request.onProgressUpdate,
  };
  if (request.page !== undefined) options.pagePath = request.page;
  if (request.query !== undefined) options.searchQuery = request.query;
  return options;
}

export interface UploadRequest {
  project: object;
  version: string;
  desc: string;
  robot: number;
  onProgressUpdate: ProgressListener;
}

export function buildUploadOptions(request: UploadRequest): CiUploadOptions {
  return {
    project: request.project,
    version: request.version,
    desc: request.desc,
    robot: request.robot,
    setting: { ...COMPILE_SETTING },
    onProgressUpdate: request.onProgressUpdate,
  };
}
