import { entryStates } from './states/entry';
import { galleryStates } from './support/state';

galleryStates(entryStates);
