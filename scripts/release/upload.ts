/** npm run upload: build, then upload a development version to WeChat. See --help. */
import { main } from './main';

void main('upload');
