// Registers every shipped language beside English (imported once by embed.js).
import { de } from './de';
import { es } from './es';
import { fr } from './fr';
import { register } from './index';
import { ru } from './ru';

register('de', de);
register('es', es);
register('fr', fr);
register('ru', ru);
