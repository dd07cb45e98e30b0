import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { messageOf } from './api';
import type { Desk } from './types';

/**
 * The LitElement the desk's simpler sections extend: light DOM (styled by admin.css), and
 * reloaded each time the section is shown so the moderator always sees the server's current
 * state. Subclasses declare their own reactive state beside `phase` and `error`.
 */
export abstract class DeskSection extends LitElement {
  static override properties: PropertyDeclarations = {
    desk: { attribute: false },
    active: { type: Boolean },
    phase: { state: true },
    error: { state: true },
  };
  declare desk: Desk;
  declare active: boolean;

  phase: 'loading' | 'ready' | 'error' = 'loading';
  error = '';

  protected override createRenderRoot() {
    return this;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('active') && this.active) void this.reload();
  }

  /** Runs `load`, turning a failure into the section's error state. */
  async reload(): Promise<void> {
    try {
      await this.load();
      this.phase = 'ready';
    } catch (err) {
      this.phase = 'error';
      this.error = messageOf(err);
    }
  }

  abstract load(): Promise<void>;
}
