// The moderation page's script (built into admin.js, served at /admin.js for /admin).
import { FootnoteAdmin } from './app';
import { DeskAudit } from './audit';
import { DeskBans } from './bans';
import { DeskDeliveries } from './deliveries';
import { DeskEngagement } from './engagement';
import { DeskQueue } from './queue';
import { DeskThreads } from './threads';
import { DeskUser } from './user-drawer';
import { DeskWords } from './words';

const define = (name: string, element: CustomElementConstructor) => {
  if (!customElements.get(name)) customElements.define(name, element);
};

define('desk-queue', DeskQueue);
define('desk-words', DeskWords);
define('desk-bans', DeskBans);
define('desk-threads', DeskThreads);
define('desk-audit', DeskAudit);
define('desk-deliveries', DeskDeliveries);
define('desk-engagement', DeskEngagement);
define('desk-user', DeskUser);
define('footnote-admin', FootnoteAdmin);
