/**
 * On narrow screens the panel follows the visual viewport, so the composer stays above the
 * on-screen keyboard: the viewport's height goes to the host as `--_vvh` while watched.
 */
export class ViewportFollower {
  #watched = false;
  readonly #onResize = () => {
    const vv = window.visualViewport;
    if (vv) this.host.style.setProperty('--_vvh', `${vv.height}px`);
  };

  constructor(private readonly host: HTMLElement) {}

  watch(on: boolean): void {
    const vv = window.visualViewport;
    if (!vv || on === this.#watched) return;
    this.#watched = on;
    if (on) {
      vv.addEventListener('resize', this.#onResize);
      this.#onResize();
    } else {
      vv.removeEventListener('resize', this.#onResize);
      this.host.style.removeProperty('--_vvh');
    }
  }
}
