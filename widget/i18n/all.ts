// Registers the footer's words of every shipped language beside English (imported once by
// embed.js); the rest of each catalogue is fetched when the thread loads (index.ts `loadRest`).
import { deCore } from './de';
import { esCore } from './es';
import { frCore } from './fr';
import { register } from './index';
import { ruCore } from './ru';

register('de', deCore);
register('es', esCore);
register('fr', frCore);
register('ru', ruCore);
