import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Visibility, as a reactive controller: calls `onNear` once when the element comes within
 * about one screen of the viewport (an IntersectionObserver with a margin of one viewport
 * height above and below), so a page whose reader never scrolls to the comments loads no
 * thread and holds no live stream. Without IntersectionObserver it calls at once.
 */
export class NearController implements ReactiveController {
  private observer: IntersectionObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly onNear: () => void,
  ) {
    host.addController(this);
  }

  /** Starts watching (again): `onNear` runs once the element is near. */
  watch(): void {
    this.hostDisconnected();
    if (typeof IntersectionObserver !== 'function') return this.onNear();
    this.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.hostDisconnected();
        this.onNear();
      },
      { rootMargin: '100% 0px' },
    );
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}
