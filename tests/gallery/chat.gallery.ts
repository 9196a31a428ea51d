import { chatStates } from './states/chat';
import { galleryStates } from './support/state';

galleryStates(chatStates);
