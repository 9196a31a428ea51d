import type { GalleryGroup } from '../../../scripts/gallery/layout';
import type { GalleryPage } from './open-page';
import { writeStateHtml } from './page-document';

/** One picture: a page driven into a state the way its page test drives it. */
export interface GalleryState {
  /** File name without extension, e.g. 'entry-empty'. */
  name: string;
  /** The index page's caption. */
  caption: string;
  /** Renders the page and brings it into the state. */
  open(): Promise<GalleryPage>;
}

export interface GalleryStateList {
  group: GalleryGroup;
  states: GalleryState[];
}

/** Renders one state and writes its standalone HTML; the page is detached whatever happens. */
export async function renderStateHtml(list: GalleryStateList, state: GalleryState, dir?: string) {
  const shot = await state.open();
  try {
    const index = list.states.indexOf(state);
    return writeStateHtml(shot, { name: state.name, caption: state.caption, group: list.group, index }, dir);
  } finally {
    shot.page.detach();
    shot.dispose?.();
  }
}

/** The body of a `*.gallery.ts` file: one Jest test per state, so one broken state spares the rest. */
export function galleryStates(list: GalleryStateList): void {
  describe(`${list.group} gallery`, () => {
    it.each(list.states.map((state) => [state.name, state] as const))('%s', async (_name, state) => {
      await renderStateHtml(list, state);
    });
  });
}
