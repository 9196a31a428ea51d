/** `--help` text of both commands: every option and environment variable, and what exit codes mean. */
import { DEFAULT_ROBOT, ROBOT_MAX, ROBOT_MIN, type ReleaseCommand } from './args';
import { ENV_APPID, ENV_PRIVATE_KEY, ENV_PRIVATE_KEY_PATH } from './credentials';
import { PREVIEW_QR_RELATIVE_PATH } from './ci-options';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './errors';

const ENVIRONMENT = `Environment:
  ${ENV_APPID}             the mini-program's AppID (wx + 16 hex characters); project.config.json's
                       "touristappid" is only for DevTools and cannot upload
  ${ENV_PRIVATE_KEY}       the code-upload key's content (PEM, for CI secrets; literal \\n is accepted)
  ${ENV_PRIVATE_KEY_PATH}  or the path of the key file (private.<appid>.key); set only one of the two
  HTTPS_PROXY          proxy for reaching WeChat, if the network needs one
  ZEGO_APP_ID, ZEGO_SERVER, TOKEN_URL, AUTH_MODE
                       read by npm run build into miniprogram/config.values.ts (unset: kept as is)

  Get the key and allow your IP at mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传:
  生成/下载代码上传密钥 (resetting it invalidates the old key), and add this machine's public IP to
  the IP白名单 (or switch the allow-list off). Never commit the key; .gitignore covers *.key and *.pem.`;

const COMMON_OPTIONS = `  --robot N        CI robot ${ROBOT_MIN}-${ROBOT_MAX} the version is attributed to (default ${DEFAULT_ROBOT})
  --desc TEXT      description shown in the WeChat console (default: the last commit's subject)
  --verbose        also show miniprogram-ci's own log and WeChat's raw error text
  -h, --help       show this help`;

const EXIT_CODES = `Exit codes: ${EXIT_OK} success, ${EXIT_USAGE} bad arguments or credentials (nothing built or sent),
  ${EXIT_FAILED} build or WeChat failure (one line says what to do).`;

const PREVIEW_HELP = `Usage: npm run preview -- [options]

Builds the mini-program (npm run build), then asks WeChat for a development preview through
miniprogram-ci. The QR code is written to ${PREVIEW_QR_RELATIVE_PATH} and printed in the terminal; scan it
with WeChat. Shows progress while WeChat compiles and uploads, then the package sizes it reports.

Options:
  --page PATH      page the QR code opens, e.g. live/pages/room/index (default: the entry page)
  --query QUERY    query for that page, e.g. "roomID=abc&role=audience"
${COMMON_OPTIONS}

Example:
  npm run preview -- --page live/pages/room/index --query "roomID=demo&role=audience"

${ENVIRONMENT}

${EXIT_CODES}
`;

const UPLOAD_HELP = `Usage: npm run upload -- [options]

Builds the mini-program (npm run build), then uploads it through miniprogram-ci as a development
version that can be submitted for review in the WeChat console. Non-interactive, for CI. Shows
progress, the package sizes WeChat reports and one summary line.

Options:
  --version X      version name, e.g. 1.2.0 (default: package.json's version)
${COMMON_OPTIONS}

Example:
  npm run upload -- --version 1.2.0 --desc "Live rooms with chat"

${ENVIRONMENT}

${EXIT_CODES}
`;

export function helpText(command: ReleaseCommand): string {
  return command === 'preview' ? PREVIEW_HELP : UPLOAD_HELP;
}
