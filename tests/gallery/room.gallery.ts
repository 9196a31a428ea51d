import { roomStates } from './states/room';
import { galleryStates } from './support/state';

galleryStates(roomStates);
