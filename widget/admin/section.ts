import { LitElement, type PropertyValues } from 'lit';
import type { Desk } from './types';

/**
 * Base of the desk's simpler sections: light DOM (styled by admin.css), reloaded each time
 * the section is shown so the moderator always sees the server's current state.
 */
export abstract class DeskSection extends LitElement {
  static override properties = { desk: { attribute: false }, active: { type: Boolean }, s: { state: true } };
  declare desk: Desk;
  declare active: boolean;
  declare s: number;

  phase: 'loading' | 'ready' | 'error' = 'loading';
  error = '';

  protected override createRenderRoot() {
    return this;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('active') && this.active) void this.reload();
  }

  refresh(): void {
    this.s = (this.s || 0) + 1;
  }

  /** Runs `load`, turning a failure into the section's error state. */
  async reload(): Promise<void> {
    try {
      await this.load();
      this.phase = 'ready';
    } catch (err) {
      this.phase = 'error';
      this.error = err instanceof Error && err.message ? err.message : 'Something went wrong. Please try again.';
    }
    this.refresh();
  }

  abstract load(): Promise<void>;
}
