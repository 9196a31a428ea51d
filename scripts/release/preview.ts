/** npm run preview: build, then a WeChat development preview with its QR code. See --help. */
import { main } from './main';

void main('preview');
