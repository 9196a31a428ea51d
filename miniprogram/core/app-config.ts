// Kept for services and pages under live/ that import config from core/.
export { loadAppConfig } from '../config';
